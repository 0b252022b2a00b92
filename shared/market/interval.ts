import { z } from 'zod';

/** Candle intervals the portal offers (BRD FR-1). */
export const INTERVALS = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;

export const IntervalSchema = z.enum(INTERVALS, {
  error: () => `interval must be one of ${INTERVALS.join(', ')}`,
});
export type Interval = z.infer<typeof IntervalSchema>;

const MINUTE = 60_000;

export const INTERVAL_MS: Record<Interval, number> = {
  '1m': MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '1h': 60 * MINUTE,
  '4h': 240 * MINUTE,
  '1d': 1440 * MINUTE,
};

/** Open time of the candle containing `ts`; candles are aligned to UTC epoch multiples. */
export function candleOpenTime(ts: number, interval: Interval): number {
  const ms = INTERVAL_MS[interval];
  return Math.floor(ts / ms) * ms;
}
