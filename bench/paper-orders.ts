/**
 * Paper order placement at a steady 200 requests/s over keep-alive loopback against a real relay
 * (its own process, stand-in behind it): POST /api/v1/orders, a market buy with its own
 * idempotency key each time, through validation, the book from the stand-in, the safeguards,
 * the durable intent, the paper fill and the audit log. Rounds run back to back on one store, so
 * the later rounds place orders on a longer fill history (placement must not slow as it grows).
 * The figure is the median round's p95. Goal: p95 ≤ 10 ms (BRD bound 500 ms).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { constantRateLoad } from './_constant-rate-load.ts';
import { median, reportFigure } from './_figures.ts';
import { percentile, startRelayProcess, startStandInProcess } from './_processes.ts';

const RATE = 200;
const ROUNDS = 3;
const ROUND_MS = 6_000;
const P95_GOAL_MS = 10;
const token = randomBytes(32).toString('base64url');
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' };

const sim = await startStandInProcess({ tickMs: 1000, synthetic: 0 });
// Funds and limits far above what the run places, so every order is accepted and filled.
const relay = await startRelayProcess(sim.url, { OPERATOR_TOKEN: token, PAPER_START_BALANCES: 'USDT:1000000000', DAILY_LOSS_LIMIT: '1000000000' });
try {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at start`);
  const order = (key: string) => JSON.stringify({ idempotencyKey: key, symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '0.0001', reason: 'bench' });
  const probe = await fetch(`${relay.url}/api/v1/orders`, { method: 'POST', headers, body: order('bench-probe') });
  if (probe.status !== 201) throw new Error(`POST /api/v1/orders answered ${probe.status}: ${await probe.text()}`);
  const p95s: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const cpuBefore = relay.cpuMs();
    const result = await constantRateLoad({ url: `${relay.url}/api/v1/orders`, rate: RATE, durationMs: ROUND_MS, headers, body: (i) => order(`bench-${round}-${i}`) });
    const { latencies: l, fromDue } = result;
    const p95 = percentile(l, 95);
    p95s.push(p95);
    console.log(
      `paper market order round ${round}: ${result.requests} orders at ${result.achievedRate.toFixed(0)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors; ` +
        `latency p50 ${percentile(l, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${percentile(l, 99).toFixed(2)} ms, max ${l[l.length - 1]!.toFixed(1)} ms ` +
        `(from due time: p95 ${percentile(fromDue, 95).toFixed(2)} ms); relay CPU ${((relay.cpuMs() - cpuBefore) / result.sent).toFixed(3)} ms per order`,
    );
    if (result.non2xx + result.errors > 0) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  reportFigure({ name: `paper market order POST /orders p95 at ${RATE} req/s (median of ${ROUNDS} rounds)`, value: median(p95s), unit: 'ms', goal: P95_GOAL_MS, bound: 'max' });
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at end`);
} finally {
  await relay.stop();
  await sim.stop();
}
