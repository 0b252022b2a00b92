import { candlesFromColumns, type CandleColumns } from '../../../shared/backtest/candle-columns.ts';
import { CandleFileError, parseBacktestingPyCsv, parseFreqtradeJson, type CandleFileFormat } from '../../../shared/backtest/candle-files.ts';
import type { Bar } from '../market/candle-series.ts';
import { MINUTE_MS } from '../market/kline-intervals.ts';

/** A bar as the source file states it: open time (UTC ms), OHLC and base volume. No turnover. */
export type SourceBar = Omit<Bar, 'turnover'>;

/**
 * Reads a shipped data file with the backtester's own parsers (one reader per format in the
 * project), naming the file in any error.
 */
export function parseSourceBars(text: string, format: CandleFileFormat, label: string): SourceBar[] {
  let cols: CandleColumns;
  try {
    cols = format === 'freqtrade-json' ? parseFreqtradeJson(text) : parseBacktestingPyCsv(text);
  } catch (err) {
    if (err instanceof CandleFileError) throw new Error(`${label}: ${err.message}`);
    throw err;
  }
  return candlesFromColumns(cols).map(({ openTime, ...ohlcv }) => ({ start: openTime, ...ohlcv }));
}

/** The step between rows, checked to be constant so shifting and splitting stay exact. */
export function nativeStepMs(bars: readonly SourceBar[], label: string): number {
  const first = bars[0];
  const second = bars[1];
  if (!first || !second) throw new Error(`${label}: needs at least two candles`);
  const step = second.start - first.start;
  if (step <= 0 || step % MINUTE_MS !== 0) throw new Error(`${label}: step ${step} ms is not whole minutes`);
  for (let i = 1; i < bars.length; i++) {
    if (bars[i]!.start - bars[i - 1]!.start !== step) throw new Error(`${label}: gap or disorder at row ${i}`);
  }
  return step;
}
