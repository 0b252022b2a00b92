/**
 * Issue 12's fault run: 10,000 placements through POST /api/v1/orders on a relay in live mode over
 * the Bybit stand-in, while 10% of its signed requests fail (answer lost after the order was
 * accepted, 5xx, 10006, slow answers); the relay is restarted to settle what was left unknown, and
 * its intents are held against the stand-in's orders (relay/execution/fault-run.ts). Goals: no
 * duplicate order (1 exchange order per accepted intent), ≥ 99.9% success excluding exchange
 * rejections. The duration is printed for comparison between runs.
 */
import { runFaultPlacements } from '../relay/execution/fault-run.ts';
import { reportFigure } from './_figures.ts';

const PLACEMENTS = 10_000;
const CONCURRENCY = 32;
const FAULT_SHARE = 0.1;

const run = await runFaultPlacements({ placements: PLACEMENTS, concurrency: CONCURRENCY, faultShare: FAULT_SHARE });
console.log(
  `${run.placements} placements, ${CONCURRENCY} at once, ${FAULT_SHARE * 100}% faults: ${(run.durationMs / 1000).toFixed(1)} s; ` +
    `answers ${JSON.stringify(run.statuses)}; ${run.privateRequests} signed requests, ${run.creates} order/create; ` +
    `${run.duplicates} duplicates, ${run.orphans} exchange orders without intent, ${run.unsettled} unsettled, ${run.mismatches.length} intents differing from the exchange, ${run.retryMismatches} double-posted keys answered differently`,
);
for (const line of run.mismatches.slice(0, 5)) console.log(`  ${line}`);
reportFigure({ name: 'fault run: exchange orders per accepted intent', value: run.ordersPerIntent, unit: 'orders', goal: 1, bound: 'max' });
reportFigure({ name: 'fault run: success excluding exchange rejections', value: run.successPct, unit: '%', goal: 99.9, bound: 'min' });
reportFigure({ name: `fault run: ${PLACEMENTS} placements duration`, value: run.durationMs / 1000, unit: 's', goal: 600, bound: 'max' });
if (run.duplicates + run.orphans + run.unsettled + run.mismatches.length + run.retryMismatches > 0) process.exitCode = 1;
