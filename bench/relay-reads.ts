/**
 * Read endpoints at a steady 200 requests/s over keep-alive loopback: `/tickers` (all symbols) and
 * `/candles` (1000 closed 1m candles, a repeated range so it exercises the relay's cache, i.e. the
 * BRD's "cached path"). Every request's latency is kept, so p95 is the true p95 (not bounded by
 * autocannon's p97.5). Three rounds per endpoint; the figure is the median round's p95, since on a
 * shared machine one round can land on another process's burst. Goal: p95 ≤ 5 ms.
 */
import { loadavg } from 'node:os';
import { constantRateLoad } from './_constant-rate-load.ts';
import { median, reportFigure } from './_figures.ts';
import { percentile, startRelayProcess, startStandInProcess } from './_processes.ts';

const RATE = 200;
const ROUNDS = 3;
const ROUND_MS = 6_000;
const P95_GOAL_MS = 5;
/** What Chromium sends; the relay answers large bodies gzipped, as a browser would receive them. */
const BROWSER_HEADERS = { accept: 'application/json', 'accept-encoding': 'gzip, deflate, br, zstd' };

const sim = await startStandInProcess({ tickMs: 1000, synthetic: 0 });
const relay = await startRelayProcess(sim.url);
try {
  const to = Math.floor(Date.now() / 60_000) * 60_000 - 60 * 60_000;
  const from = to - 999 * 60_000;
  const targets = {
    tickers: '/api/v1/tickers',
    candles: `/api/v1/candles?symbol=BTCUSDT&interval=1m&from=${from}&to=${to}`,
  };
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at start`);
  for (const [name, path] of Object.entries(targets)) {
    const probe = await fetch(relay.url + path, { headers: BROWSER_HEADERS });
    if (!probe.ok) throw new Error(`${path} answered ${probe.status}: ${await probe.text()}`);
    const body = (await probe.json()) as { candles?: unknown[]; tickers?: unknown[] };
    const items = body.candles?.length ?? body.tickers?.length;
    const p95s: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const cpuBefore = relay.cpuMs();
      const result = await constantRateLoad({ url: relay.url + path, rate: RATE, durationMs: ROUND_MS, headers: BROWSER_HEADERS });
      const cpuPerRequest = (relay.cpuMs() - cpuBefore) / result.sent;
      const { latencies: l, fromDue } = result;
      const p95 = percentile(l, 95);
      p95s.push(p95);
      console.log(
        `${name} (${items} items, ${(result.bytes / result.requests / 1024).toFixed(0)} KiB per response) round ${round}: ${result.requests} requests at ${result.achievedRate.toFixed(0)} req/s, ${result.non2xx} non-2xx, ${result.errors} errors; ` +
          `latency p50 ${percentile(l, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, p99 ${percentile(l, 99).toFixed(2)} ms, max ${l[l.length - 1]!.toFixed(1)} ms ` +
          `(from due time: p95 ${percentile(fromDue, 95).toFixed(2)} ms); relay CPU ${cpuPerRequest.toFixed(3)} ms per request`,
      );
      if (result.non2xx + result.errors > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
    }
    reportFigure({ name: `/${name} p95 at ${RATE} req/s (median of ${ROUNDS} rounds)`, value: median(p95s), unit: 'ms', goal: P95_GOAL_MS, bound: 'max' });
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at end`);
} finally {
  await relay.stop();
  await sim.stop();
}
