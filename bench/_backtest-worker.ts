/**
 * Sweep worker for bench/backtest.ts: runs the shared engine over candle columns shared by the
 * main thread (SharedArrayBuffer, no copy) for each candidate parameter set it is given, either
 * one independent `runBacktest` per candidate (the old path) or all of them through
 * `backtestMany` (each distinct indicator series computed once and shared by the candidates).
 */
import { parentPort } from 'node:worker_threads';
import { backtestMany } from '../shared/backtest/backtest-many.ts';
import type { CandleColumns } from '../shared/backtest/candle-columns.ts';
import { DatasetIndicators } from '../shared/backtest/dataset-indicators.ts';
import { runBacktest } from '../shared/backtest/engine.ts';
import type { BacktestConfig, Metrics } from '../shared/backtest/schemas.ts';
import { strategyEntry } from '../shared/strategy/registry.ts';

export interface SweepJob {
  columns: CandleColumns;
  config: BacktestConfig;
  strategyId: string;
  candidates: Record<string, unknown>[];
  mode: 'independent' | 'shared';
}

export interface SweepAnswer {
  results: { params: Record<string, unknown>; metrics: Metrics }[];
  ms: number;
  /** Indicator series the shared mode computed (0 for independent runs). */
  seriesComputed: number;
}

// Booted workers say so, then wait for their job: a sweep is timed on a ready pool, as the
// client's pool is (its workers start once per page and keep the dataset loaded).
parentPort!.once('message', (job: SweepJob) => {
  const started = performance.now();
  const entry = strategyEntry(job.strategyId);
  let metrics: Metrics[];
  let seriesComputed = 0;
  if (job.mode === 'shared') {
    const indicators = new DatasetIndicators(job.columns);
    metrics = backtestMany(job.columns, entry, job.candidates, job.config, {}, indicators);
    seriesComputed = indicators.computedSeries;
  } else {
    metrics = job.candidates.map((raw) => runBacktest(job.columns, entry.bind(raw), job.config).metrics);
  }
  const results = job.candidates.map((raw, i) => ({ params: entry.parseParams(raw), metrics: metrics[i]! }));
  parentPort!.postMessage({ results, ms: performance.now() - started, seriesComputed } satisfies SweepAnswer);
});
parentPort!.postMessage('ready');
