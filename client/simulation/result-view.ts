import type { LineData, UTCTimestamp } from 'lightweight-charts';
import type { Trade } from '../../shared/backtest/index.ts';
import type { TradeMarker } from '../../shared/drawings/index.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/index.ts';

/**
 * Entry and exit of each trade as chart markers. The engine stamps a fill with the open time of
 * the candle it filled in, which is the bar the marker belongs to. Open trades have no exit yet.
 * No label: the default B/S keeps a busy 1m chart with a hundred trades readable.
 */
export function tradeMarkersOf(trades: readonly Trade[]): TradeMarker[] {
  return trades.flatMap((t, i) => {
    const entry: TradeMarker = { time: Math.floor(t.entryTime / 1000), side: 'buy', price: t.entryPrice, id: `trade-${i}-entry` };
    if (t.exitTime === null || t.exitPrice === null) return [entry];
    const exit: TradeMarker = { time: Math.floor(t.exitTime / 1000), side: 'sell', price: t.exitPrice, id: `trade-${i}-exit` };
    return [entry, exit];
  });
}

/**
 * A series for a line/area chart. Equity is known at each candle's close, so it is drawn at the
 * close time (open + interval) rather than the open, where it would look one bar early.
 */
export function closeTimeSeries(openTimes: Float64Array, values: Float64Array, interval: Interval, scale = 1): LineData<UTCTimestamp>[] {
  const step = INTERVAL_MS[interval];
  const out: LineData<UTCTimestamp>[] = new Array<LineData<UTCTimestamp>>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = { time: Math.floor((openTimes[i]! + step) / 1000) as UTCTimestamp, value: values[i]! * scale };
  return out;
}

export function formatPct(x: number | null, digits = 2): string {
  return x === null || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}

export function formatNumber(x: number | null, digits = 2): string {
  return x === null || !Number.isFinite(x) ? '—' : x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** UTC date-time without seconds, e.g. "2024-06-01 12:30". */
export function formatTime(ms: number | null): string {
  return ms === null ? 'open' : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}
