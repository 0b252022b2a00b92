import type { CandleColumns } from './candle-columns.ts';
import { DatasetIndicators } from './dataset-indicators.ts';
import { runBacktest, type RunRange } from './engine.ts';
import type { BacktestConfig, Metrics } from './schemas.ts';
import type { StrategyEntry } from '../strategy/registry.ts';
import { InvalidParamsError, type BoundStrategy } from '../strategy/strategy.ts';

/**
 * Backtests many parameter sets of one strategy over one dataset and returns each one's metrics,
 * in the order given. Each distinct indicator series (indicator, params and the row its run starts
 * feeding at) is computed once, by the same streaming code a single run uses, and read by candle
 * index by every candidate that uses it; everything else is `runBacktest` itself. So every metric
 * is bit for bit `runBacktest(cols, entry.bind(p), { ...config, recordSeries: false }, range)`'s.
 *
 * Params are all checked before anything runs: an invalid set throws InvalidParamsError naming its
 * index (a sweep that reports invalid candidates one by one checks them with `entry.parseParams`
 * first). `indicators` may be kept across calls over the same `cols` (a worker keeps one per
 * loaded dataset) so later batches reuse the series earlier ones computed.
 */
export function backtestMany(
  cols: CandleColumns,
  entry: StrategyEntry,
  paramsList: readonly Record<string, unknown>[],
  config: BacktestConfig,
  range: RunRange = {},
  indicators = new DatasetIndicators(cols, Math.min(range.end ?? cols.length, cols.length)),
): Metrics[] {
  if (indicators.cols !== cols) throw new Error('backtestMany: the shared indicators were computed for another dataset');
  const strategies = paramsList.map((params, index): BoundStrategy => {
    try {
      return entry.bind(params, indicators);
    } catch (err) {
      if (err instanceof InvalidParamsError) throw new InvalidParamsError(`candidate ${index}: ${err.message}`);
      throw err;
    }
  });
  const quiet = { ...config, recordSeries: false };
  return strategies.map((strategy) => runBacktest(cols, strategy, quiet, range).metrics);
}
