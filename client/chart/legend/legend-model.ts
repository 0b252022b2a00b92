import type { Candle } from '../../../shared/market/index.ts';
import { formatPrice, formatVolume } from '../../market/format.ts';

/** What the legend shows for one candle, already formatted. */
export interface CandleLegend {
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  /** Close minus the previous candle's close (its own open for the first candle), and in percent. */
  change: string;
  changePct: string;
  direction: 'up' | 'down' | 'flat';
}

/** Index of the candle opening at `openTime` (ms), or the last one at or before it; -1 before the first. */
export function candleIndexAt(candles: readonly Candle[], openTime: number): number {
  let lo = 0;
  let hi = candles.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (candles[mid]!.openTime <= openTime) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

export function candleLegend(candles: readonly Candle[], index: number, tickSize: string | undefined): CandleLegend | null {
  const candle = candles[index];
  if (candle === undefined) return null;
  const reference = candles[index - 1]?.close ?? candle.open;
  const change = candle.close - reference;
  const sign = change > 0 ? '+' : change < 0 ? '−' : '';
  return {
    open: formatPrice(candle.open, tickSize),
    high: formatPrice(candle.high, tickSize),
    low: formatPrice(candle.low, tickSize),
    close: formatPrice(candle.close, tickSize),
    volume: formatVolume(candle.volume),
    change: `${sign}${formatPrice(Math.abs(change), tickSize)}`,
    changePct: reference === 0 ? '—' : `${sign}${Math.abs((change / reference) * 100).toFixed(2)}%`,
    direction: change > 0 ? 'up' : change < 0 ? 'down' : 'flat',
  };
}
