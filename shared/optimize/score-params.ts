import type { CandleColumns } from '../backtest/candle-columns.ts';
import { runBacktest, type RunRange } from '../backtest/engine.ts';
import type { BacktestConfig, Metrics } from '../backtest/schemas.ts';
import type { StrategyEntry } from '../strategy/registry.ts';

/**
 * Metrics of each params set on the same trading window, in order: the one place a search runs
 * its candidates, so a faster many-candidate engine drops in here. Params must already be valid
 * for `entry` (the search checks them with `parseParams` first).
 */
export function backtestParamsList(
  cols: CandleColumns,
  entry: StrategyEntry,
  paramsList: readonly Record<string, unknown>[],
  config: BacktestConfig,
  range: RunRange = {},
): Metrics[] {
  const quiet: BacktestConfig = { ...config, recordSeries: false };
  return paramsList.map((params) => runBacktest(cols, entry.bind(params), quiet, range).metrics);
}
