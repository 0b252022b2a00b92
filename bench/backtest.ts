/**
 * Backtest engine benchmark (`npx tsx bench/backtest.ts`).
 * 1. One ema-rsi backtest over 1,000,000 1m candles. Goal: <= 1 s, >= 1M candles/s.
 * 2. A sweep of 500 ema-rsi candidates x 100,000 candles over 2 worker_threads, through
 *    `backtestMany` (each distinct indicator series computed once and shared). Goal: <= 3 s. The
 *    old path (one independent backtest per candidate) runs first for the ratio and as the check
 *    that every candidate's metrics are the same.
 * The 1M series is built by stitching copies of the real 43,199-candle BTC/USDT 1m month end to
 * end, each copy rescaled so its first open equals the previous copy's last close (price
 * continuity) and re-timed to continue minute by minute.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { allocateColumns, sliceColumns, type CandleColumns } from '../shared/backtest/candle-columns.ts';
import { parseCandleFile } from '../shared/backtest/candle-files.ts';
import { runBacktest } from '../shared/backtest/engine.ts';
import { BTCUSDT_RULES } from '../relay/exchange/test-instrument.ts';
import { BacktestConfigSchema } from '../shared/backtest/schemas.ts';
import { strategyEntry } from '../shared/strategy/registry.ts';
import type { SweepAnswer, SweepJob } from './_backtest-worker.ts';
import { reportFigure } from './_figures.ts';

const FIXTURE = fileURLToPath(new URL('../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url));
const CANDLES = 1_000_000;
const SWEEP_CANDLES = 100_000;
const SWEEP_WORKERS = 2;
/** Worker threads do not inherit tsx's loader, so each one registers it before importing the TypeScript worker. */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
const WORKER_BOOT = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(TSX_API)}; register(); await import(${JSON.stringify(new URL('./_backtest-worker.ts', import.meta.url).href)});`,
  )}`,
);

/**
 * Even copies replay the month as recorded; odd copies replay it price-inverted around their
 * anchor (p -> anchor * open0 / p, high and low swapped), so a falling month is followed by a
 * rising one and 24 copies do not compound the month's drift into a price near zero.
 */
function stitch(source: CandleColumns, length: number): CandleColumns {
  const out = allocateColumns(length, true);
  const step = source.openTime[1]! - source.openTime[0]!;
  const open0 = source.open[0]!;
  let anchor = open0;
  let inverted = false;
  for (let i = 0; i < length; i++) {
    const j = i % source.length;
    if (j === 0 && i > 0) {
      anchor = out.close[i - 1]!;
      inverted = !inverted;
    }
    const map = inverted ? (p: number) => (anchor * open0) / p : (p: number) => (anchor / open0) * p;
    out.openTime[i] = source.openTime[0]! + i * step;
    out.open[i] = map(source.open[j]!);
    out.close[i] = map(source.close[j]!);
    out.high[i] = map(inverted ? source.low[j]! : source.high[j]!);
    out.low[i] = map(inverted ? source.high[j]! : source.low[j]!);
    out.volume[i] = source.volume[j]!;
  }
  return out;
}

const config = BacktestConfigSchema.parse({
  symbol: 'BTCUSDT',
  interval: '1m',
  slippageBps: 1,
  instrument: BTCUSDT_RULES,
});

const source = parseCandleFile(readFileSync(FIXTURE, 'utf8'));
const candles = stitch(source, CANDLES);
// Shared machines skew timings; print the load so figures can be read in context.
console.log(`machine: ${cpus().length} cpus, load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at start`);
console.log(`data: ${CANDLES.toLocaleString('en')} 1m candles stitched from ${Math.ceil(CANDLES / source.length)} copies of the real ${source.length.toLocaleString('en')}-candle BTC/USDT month (rescaled for price continuity; every other copy price-inverted so the month's drift does not compound)`);
console.log(`      price range after stitching: first open ${candles.open[0]!.toFixed(2)}, last close ${candles.close[CANDLES - 1]!.toFixed(2)}`);

// 1. Single run: first (cold JIT) run and best of three, with equity/drawdown series recorded.
const emaRsi = strategyEntry('ema-rsi').bind({});
const times: number[] = [];
let trades = 0;
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const result = runBacktest(candles, emaRsi, config);
  times.push(performance.now() - t);
  trades = result.metrics.tradeCount;
}
const best = Math.min(...times);
const rate = CANDLES / (best / 1000);
console.log(`\nsingle backtest, ema-rsi defaults, 1M candles (${trades} trades):`);
console.log(`  runs ${times.map((t) => `${t.toFixed(0)} ms`).join(', ')} (first is cold JIT); best ${best.toFixed(0)} ms (goal <= 1000 ms, ratio ${(best / 1000).toFixed(2)})`);
console.log(`  ${(rate / 1e6).toFixed(2)}M candles/s (goal >= 1M/s, ratio ${(rate / 1e6).toFixed(2)})`);
reportFigure({ name: 'single backtest, 1M candles, best of 3', value: best, unit: 'ms', goal: 1000, bound: 'max' });

// 2. Sweep: 500 candidates over 100k candles, split across workers sharing the candle memory.
const fasts = [5, 8, 10, 12, 15, 20, 25, 30, 40, 50];
const slowFactors = [2, 2.5, 3, 4, 5];
const rsiPeriods = [7, 14];
const rsiEntryMaxes = [60, 65, 70, 75, 78];
const candidates = fasts.flatMap((fast) =>
  slowFactors.flatMap((f) => rsiPeriods.flatMap((rsiPeriod) => rsiEntryMaxes.map((rsiEntryMax) => ({ fastPeriod: fast, slowPeriod: Math.round(fast * f), rsiPeriod, rsiEntryMax })))),
);
const sweepColumns = sliceColumns(candles, 0, SWEEP_CANDLES);

/** Starts the workers and waits until each has booted (tsx and the engine modules loaded). */
async function bootWorkers(): Promise<{ workers: Worker[]; ms: number }> {
  const started = performance.now();
  const workers = Array.from({ length: SWEEP_WORKERS }, () => new Worker(WORKER_BOOT));
  await Promise.all(workers.map((worker) => new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject))));
  return { workers, ms: performance.now() - started };
}

async function sweep(mode: SweepJob['mode']): Promise<{ ms: number; bootMs: number; answers: SweepAnswer[] }> {
  const { workers, ms: bootMs } = await bootWorkers();
  const started = performance.now();
  const answers = await Promise.all(
    workers.map((worker, w) => {
      const job: SweepJob = { columns: sweepColumns, config: { ...config, recordSeries: false }, strategyId: 'ema-rsi', candidates: candidates.filter((_, i) => i % SWEEP_WORKERS === w), mode };
      return new Promise<SweepAnswer>((resolve, reject) => {
        worker.once('message', (answer: SweepAnswer) => resolve(answer));
        worker.once('error', reject);
        worker.postMessage(job);
      });
    }),
  );
  const ms = performance.now() - started;
  await Promise.all(workers.map((worker) => worker.terminate()));
  return { ms, bootMs, answers };
}

const perWorker = (answers: SweepAnswer[]) => answers.map((a) => `${(a.ms / 1000).toFixed(1)} s`).join(', ');
const independent = await sweep('independent');
const shared = await sweep('shared');
const independentResults = independent.answers.flatMap((a) => a.results);
const results = shared.answers.flatMap((a) => a.results);
// The speed-up counts only if it changes nothing: every candidate's metrics, to the bit.
const differing = results.filter((r, i) => JSON.stringify(r) !== JSON.stringify(independentResults[i])).length;
if (differing > 0) throw new Error(`${differing} of ${results.length} shared-indicator sweep results differ from independent runs`);
const top = results.reduce((a, b) => (b.metrics.sharpe > a.metrics.sharpe ? b : a));
console.log(`\nsweep: ${results.length} ema-rsi candidates x ${SWEEP_CANDLES.toLocaleString('en')} candles on ${SWEEP_WORKERS} worker_threads (wall time from handing the candidates to booted workers to the last answer; booting them took ${(shared.bootMs / 1000).toFixed(2)} s, once per pool):`);
console.log(`  old path, one independent backtest per candidate: ${(independent.ms / 1000).toFixed(2)} s (per worker ${perWorker(independent.answers)})`);
console.log(`  backtestMany, each indicator series computed once per worker and shared: ${(shared.ms / 1000).toFixed(2)} s (per worker ${perWorker(shared.answers)}; ${shared.answers.map((a) => a.seriesComputed).join(' + ')} series computed)`);
console.log(`  with the workers' boot counted too: old ${((independent.ms + independent.bootMs) / 1000).toFixed(2)} s, backtestMany ${((shared.ms + shared.bootMs) / 1000).toFixed(2)} s`);
console.log(`  speed-up ${(independent.ms / shared.ms).toFixed(2)}x; results identical to the independent runs for all ${results.length} candidates (goal <= 3 s, ratio ${(shared.ms / 3000).toFixed(2)})`);
reportFigure({ name: `sweep, ${results.length} candidates x 100k candles, 2 workers, shared indicators`, value: shared.ms / 1000, unit: 's', goal: 3, bound: 'max' });
console.log(`  ${((results.length * SWEEP_CANDLES) / (shared.ms / 1000) / 1e6).toFixed(2)}M candle-steps/s overall`);
console.log(`  best annualised Sharpe ratio ${top.metrics.sharpe.toFixed(2)} (net ${(top.metrics.netReturn * 100).toFixed(2)}%) with ${JSON.stringify(top.params)}`);

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at end`);
console.log(`\npeak memory (max RSS, main thread and workers): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
