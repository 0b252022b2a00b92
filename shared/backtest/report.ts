import type { CandleColumns } from './candle-columns.ts';
import { checkCandleSpacing } from './candle-spacing.ts';
import { datasetHash } from './dataset-hash.ts';
import { runBacktest, type BacktestResult, type RunRange } from './engine.ts';
import { buyAndHold, type BuyAndHold } from './report-benchmark.ts';
import { logExitReasons } from './report-exit-reasons.ts';
import type { BacktestConfig, BacktestReport, DatasetRange, SimulationRun } from './schemas.ts';
import type { BoundStrategy } from '../strategy/strategy.ts';

/** The candles a trading window covered, named by their SHA-256. */
export async function datasetRange(cols: CandleColumns, start: number, end: number): Promise<DatasetRange> {
  if (end <= start) throw new Error(`empty dataset range [${start}, ${end})`);
  return { from: cols.openTime[start]!, to: cols.openTime[end - 1]!, candles: end - start, hash: await datasetHash(cols, start, end) };
}

/**
 * Runs one backtest and packages it with its assumptions, dataset identity, gaps, trades (with why
 * each closed) and the buy-and-hold benchmark over the same window.
 * Candles whose spacing or units do not fit `config.interval` are refused (CandleSpacingError).
 * Async for the dataset hash only (WebCrypto); the backtest itself runs synchronously.
 */
export async function backtestReport(cols: CandleColumns, strategy: BoundStrategy, config: BacktestConfig, range: RunRange = {}): Promise<{
  report: BacktestReport;
  result: BacktestResult;
  benchmark: BuyAndHold;
}> {
  const gaps = checkCandleSpacing(cols, config.interval, 'the interval', range.start ?? 0, range.end ?? cols.length);
  const exits = logExitReasons(strategy);
  const result = runBacktest(cols, exits.strategy, config, range);
  const benchmark = buyAndHold(cols, config, result.start, result.end);
  const report: BacktestReport = {
    strategy: { id: strategy.id, version: strategy.version },
    symbol: config.symbol,
    interval: config.interval,
    dataset: await datasetRange(cols, result.start, result.end),
    gaps,
    params: strategy.params,
    assumptions: result.assumptions,
    metrics: result.metrics,
    trades: result.trades.map((t) => ({ ...t, exitTag: exits.exitTag(t, cols) })),
    rejections: result.rejections,
    buyAndHold: benchmark.metrics,
  };
  return { report, result, benchmark };
}

export function simulationRunOf(report: BacktestReport, verdict: SimulationRun['verdict'] = null, reasons: string[] = []): SimulationRun {
  return {
    strategy: report.strategy,
    symbol: report.symbol,
    interval: report.interval,
    dataset: report.dataset,
    params: report.params,
    assumptions: report.assumptions,
    metrics: report.metrics,
    verdict,
    reasons,
  };
}
