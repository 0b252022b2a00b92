/**
 * Stand-in round trip for a signed order: the real bybit-api RestClientV5 places resting spot
 * limits on a stand-in in its own process, paced under Bybit's 20/s create limit, each timed from
 * call to answer (signing, loopback HTTP, auth, matching, wallet check). Goal: p95 ≤ 50 ms.
 */
import { RestClientV5 } from 'bybit-api';
import { DEFAULT_CREDENTIALS } from '../relay/bybit-standin/auth/credentials.ts';
import { reportFigure } from './_figures.ts';
import { percentile, startStandInProcess } from './_processes.ts';

const ORDERS = 300;
const PER_SECOND = 18;
const P95_GOAL_MS = 50;

const sim = await startStandInProcess({ tickMs: 1000, synthetic: 0 });
try {
  const client = new RestClientV5({ baseUrl: sim.url, key: DEFAULT_CREDENTIALS.apiKey, secret: DEFAULT_CREDENTIALS.apiSecret });
  const last = Number((await client.getTickers({ category: 'spot', symbol: 'BTCUSDT' })).result.list[0]!.lastPrice);
  const price = (Math.floor(last * 50) / 100).toFixed(2);
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < ORDERS; i++) {
    const due = started + (i * 1000) / PER_SECOND;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const t0 = performance.now();
    const res = await client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.0003', price, orderLinkId: `bench-${i}` });
    latencies.push(performance.now() - t0);
    if (res.retCode !== 0) throw new Error(`order ${i} refused: ${res.retCode} ${res.retMsg}`);
  }
  latencies.sort((a, b) => a - b);
  console.log(`${ORDERS} signed creates at ${PER_SECOND}/s: p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms, max ${latencies[latencies.length - 1]!.toFixed(1)} ms`);
  reportFigure({ name: `stand-in signed order/create via bybit-api p95 at ${PER_SECOND}/s`, value: percentile(latencies, 95), unit: 'ms', goal: P95_GOAL_MS, bound: 'max' });
} finally {
  await sim.stop();
}
