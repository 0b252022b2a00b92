/**
 * Bybit v5 kline intervals as they appear on the wire (`interval=60`, topic `kline.60.BTCUSDT`).
 * Buckets are aligned to UTC: minute intervals and D to epoch multiples, W to Mondays (Bybit's
 * weekly candles open Monday 00:00 UTC), M to calendar months.
 */
export const BYBIT_INTERVALS = ['1', '3', '5', '15', '30', '60', '120', '240', '360', '720', 'D', 'W', 'M'] as const;
export type BybitInterval = (typeof BYBIT_INTERVALS)[number];

export const MINUTE_MS = 60_000;
export const DAY_MS = 1440 * MINUTE_MS;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-05, the first Monday after the epoch (a Thursday). */
const FIRST_MONDAY_MS = 4 * DAY_MS;

export function isBybitInterval(value: string): value is BybitInterval {
  return (BYBIT_INTERVALS as readonly string[]).includes(value);
}

/** Fixed length in ms, or null for the calendar month. */
export function fixedIntervalMs(interval: BybitInterval): number | null {
  switch (interval) {
    case 'D':
      return DAY_MS;
    case 'W':
      return WEEK_MS;
    case 'M':
      return null;
    default:
      return Number(interval) * MINUTE_MS;
  }
}

/** Open time of the bucket that contains `ts`. */
export function bucketStart(interval: BybitInterval, ts: number): number {
  if (interval === 'W') return Math.floor((ts - FIRST_MONDAY_MS) / WEEK_MS) * WEEK_MS + FIRST_MONDAY_MS;
  const ms = fixedIntervalMs(interval);
  if (ms !== null) return Math.floor(ts / ms) * ms;
  const date = new Date(ts);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/** Open time of the bucket after the one opening at `start`. */
export function nextBucketStart(interval: BybitInterval, start: number): number {
  const ms = fixedIntervalMs(interval);
  if (ms !== null) return start + ms;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/**
 * The finer interval each one is aggregated from at start-up: every bucket of the coarser interval
 * is a whole number of the finer one's buckets, and building from it touches far fewer bars than
 * building everything from 1m.
 */
export const AGGREGATED_FROM: Record<Exclude<BybitInterval, '1'>, BybitInterval> = {
  '3': '1', '5': '1', '15': '5', '30': '15', '60': '30', '120': '60', '240': '120', '360': '120',
  '720': '360', D: '720', W: 'D', M: 'D',
};
