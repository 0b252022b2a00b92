/**
 * Sweep worker for bench/backtest.ts: runs the same shared engine over candle columns shared by
 * the main thread (SharedArrayBuffer, no copy) for each candidate parameter set it is given.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CandleColumns } from '../shared/backtest/candle-columns.ts';
import { runBacktest } from '../shared/backtest/engine.ts';
import type { BacktestConfig, Metrics } from '../shared/backtest/schemas.ts';
import { strategyEntry } from '../shared/strategy/registry.ts';

export interface SweepJob {
  columns: CandleColumns;
  config: BacktestConfig;
  strategyId: string;
  candidates: Record<string, unknown>[];
}

export interface SweepAnswer {
  results: { params: Record<string, unknown>; metrics: Metrics }[];
  ms: number;
}

const job = workerData as SweepJob;
const started = performance.now();
const entry = strategyEntry(job.strategyId);
const results = job.candidates.map((raw) => {
  const strategy = entry.bind(raw);
  return { params: strategy.params, metrics: runBacktest(job.columns, strategy, job.config).metrics };
});
parentPort!.postMessage({ results, ms: performance.now() - started } satisfies SweepAnswer);
