/**
 * Indicator engine figures: streaming update latency for one new closed candle across 6 indicators,
 * and a batch recompute of 100k candles × 6 indicators.
 * Run: `npx tsx bench/indicators.ts` (or `npm run bench indicators`).
 */
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../shared/indicators/fixture-candles.ts';
import { computeIndicator, createIndicator, parseIndicatorSpec } from '../shared/indicators/index.ts';
import type { IndicatorSpec, IndicatorSpecInput } from '../shared/indicators/index.ts';
import { reportFigure } from './_figures.ts';
import { stitchCandles } from './_stitch-candles.ts';

const STREAM_GOAL_P99_MS = 2;
const BATCH_GOAL_MS = 150;
const BATCH_CANDLES = 100_000;

const SIX: IndicatorSpecInput[] = [
  { name: 'sma', params: { period: 20 } },
  { name: 'ema', params: { period: 20 } },
  { name: 'rsi', params: { period: 14 } },
  { name: 'macd', params: { fast: 12, slow: 26, signal: 9 } },
  { name: 'atr', params: { period: 14 } },
  { name: 'bb', params: { period: 20, stdDev: 2 } },
];
const specs: IndicatorSpec[] = SIX.map((input) => parseIndicatorSpec(input));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const fmt = (ms: number) => `${ms.toFixed(3)} ms`;
const ratio = (value: number, goal: number) => `${(value / goal).toFixed(2)}× goal (${value <= goal ? 'within' : 'OVER'})`;

const real = loadFixtureCandles(BTC_1M_FIXTURE);
const candles = stitchCandles(real, BATCH_CANDLES);
console.log(`data: ${candles.length} candles stitched from the real ${real.length}-candle BTC/USDT 1m series (${BTC_1M_FIXTURE}), copies rescaled to join price-continuously`);
console.log(`indicators: ${specs.map((s) => `${s.name}${JSON.stringify(s.params)}`).join(' ')}`);

// Streaming: warm each indicator on the real month, then time one closed candle through all six.
const streams = specs.map((spec) => createIndicator(spec));
for (const c of real) for (const s of streams) s.update(c);
const fresh = candles.slice(real.length, real.length + 20_000);
const latencies: number[] = [];
for (const c of fresh) {
  const t0 = performance.now();
  for (const s of streams) s.update(c);
  latencies.push(performance.now() - t0);
}
latencies.sort((a, b) => a - b);
const p99 = percentile(latencies, 99);
console.log(
  `streaming update, 6 indicators, 1 candle (${fresh.length} samples): p50 ${fmt(percentile(latencies, 50))}, p99 ${fmt(p99)}, max ${fmt(latencies.at(-1)!)} — p99 ${ratio(p99, STREAM_GOAL_P99_MS)} of ${STREAM_GOAL_P99_MS} ms`,
);

// Batch: full recompute of every indicator over 100k candles; one warm-up run, then the median of 5.
// CPU time is printed beside wall time: on a shared machine the wall figure includes waiting for a core.
const cpuMs: number[] = [];
const runBatch = () => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const spec of specs) computeIndicator(spec, candles);
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  cpuMs.push((cpu.user + cpu.system) / 1000);
  return wall;
};
runBatch();
cpuMs.length = 0;
const runs = Array.from({ length: 5 }, runBatch).sort((a, b) => a - b);
const median = runs[2]!;
const medianCpu = [...cpuMs].sort((a, b) => a - b)[2]!;
console.log(
  `batch recompute, ${candles.length} candles × 6 indicators: median ${fmt(median)} wall (runs ${runs.map((r) => r.toFixed(0)).join('/')} ms), median CPU ${fmt(medianCpu)} — ${ratio(median, BATCH_GOAL_MS)} of ${BATCH_GOAL_MS} ms`,
);
reportFigure({ name: 'indicator streaming update p99, 6 indicators', value: p99, unit: 'ms', goal: STREAM_GOAL_P99_MS, bound: 'max' });
reportFigure({ name: `indicator batch recompute, ${candles.length / 1000}k candles × 6 (median of 5)`, value: median, unit: 'ms', goal: BATCH_GOAL_MS, bound: 'max' });
const perIndicator = specs.map((spec) => {
  const t0 = performance.now();
  computeIndicator(spec, candles);
  return `${spec.name} ${(performance.now() - t0).toFixed(1)}`;
});
console.log(`  per indicator (ms, one run): ${perIndicator.join(', ')}`);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
