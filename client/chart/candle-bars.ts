import type { CandlestickData, HistogramData, UTCTimestamp } from 'lightweight-charts';
import type { Candle } from '../../shared/market/index.ts';
import { CHART_COLORS } from './chart-theme.ts';

/** lightweight-charts keys bars by UTC seconds; our candles carry UTC milliseconds. */
export function chartTime(openTimeMs: number): UTCTimestamp {
  return Math.floor(openTimeMs / 1000) as UTCTimestamp;
}

export function toCandlestickBar(c: Candle): CandlestickData<UTCTimestamp> {
  return { time: chartTime(c.openTime), open: c.open, high: c.high, low: c.low, close: c.close };
}

export function toVolumeBar(c: Candle): HistogramData<UTCTimestamp> {
  return { time: chartTime(c.openTime), value: c.volume, color: c.close >= c.open ? CHART_COLORS.upVolume : CHART_COLORS.downVolume };
}

/** Union of two ascending candle lists by open time; `newer` wins on equal open times. */
export function mergeCandles(older: readonly Candle[], newer: readonly Candle[]): Candle[] {
  const byTime = new Map<number, Candle>();
  for (const c of older) byTime.set(c.openTime, c);
  for (const c of newer) byTime.set(c.openTime, c);
  return [...byTime.values()].sort((a, b) => a.openTime - b.openTime);
}

export type LiveOutcome = 'replaced' | 'appended' | 'ignored';

/**
 * Where a streamed candle goes: it replaces the forming last bar, opens a new one, or is ignored
 * when it is older than what is shown (a late message after a newer REST page).
 */
export function liveOutcome(candles: readonly Candle[], candle: Candle): LiveOutcome {
  const last = candles[candles.length - 1];
  if (!last) return 'ignored';
  if (candle.openTime === last.openTime) return 'replaced';
  return candle.openTime > last.openTime ? 'appended' : 'ignored';
}
