/**
 * Read endpoints at a fixed 200 requests/s (autocannon, 10 s each): `/tickers` (all symbols) and
 * `/candles` (1000 closed 1m candles, a repeated range so it exercises the relay's cache, i.e. the
 * BRD's "cached path"). autocannon reports p90 and p97.5, not p95; p97.5 bounds p95 from above.
 * One connection: autocannon paces a rate across connections in lockstep, so with 10 it fires bursts
 * of 10 at once and measures its own queue; a single connection spreads the 200 req/s evenly, and
 * at well under 5 ms per request it never falls behind the rate. Goal: p95 ≤ 5 ms.
 */
import autocannon from 'autocannon';
import { startRelayProcess, startStandInProcess, verdict } from './_processes.ts';

const sim = await startStandInProcess({ tickMs: 1000, synthetic: 0 });
const relay = await startRelayProcess(sim.url);
try {
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;
  const from = to - 999 * 60_000;
  const targets = {
    tickers: '/api/v1/tickers',
    candles: `/api/v1/candles?symbol=BTCUSDT&interval=1m&from=${from}&to=${to}`,
  };
  for (const [name, path] of Object.entries(targets)) {
    const probe = await fetch(relay.url + path);
    if (!probe.ok) throw new Error(`${path} answered ${probe.status}: ${await probe.text()}`);
    const body = (await probe.json()) as { candles?: unknown[]; tickers?: unknown[] };
    const items = body.candles?.length ?? body.tickers?.length;
    const result = await autocannon({ url: relay.url + path, connections: 1, overallRate: 200, duration: 10 });
    const { latency } = result;
    console.log(`${name} (${items} items per response): ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors`);
    console.log(`  latency p50 ${latency.p50} ms, p90 ${latency.p90} ms, p97.5 ${latency.p97_5} ms, p99 ${latency.p99} ms`);
    console.log(`  p95 ≤ p97.5: ${verdict(latency.p97_5, 5)}`);
  }
} finally {
  await relay.stop();
  await sim.stop();
}
