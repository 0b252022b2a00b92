import { describe, expect, it } from 'vitest';
import { candleOpenTime, IntervalSchema, INTERVAL_MS } from './interval.ts';

describe('intervals', () => {
  it('aligns a timestamp to the open time of its UTC candle', () => {
    const ts = Date.UTC(2021, 11, 4, 13, 37, 42);
    expect(candleOpenTime(ts, '1m')).toBe(Date.UTC(2021, 11, 4, 13, 37));
    expect(candleOpenTime(ts, '15m')).toBe(Date.UTC(2021, 11, 4, 13, 30));
    expect(candleOpenTime(ts, '4h')).toBe(Date.UTC(2021, 11, 4, 12));
    expect(candleOpenTime(ts, '1d')).toBe(Date.UTC(2021, 11, 4));
  });

  it('rejects an unsupported interval with a message listing the valid ones', () => {
    const result = IntervalSchema.safeParse('2m');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('interval must be one of 1m, 5m, 15m, 1h, 4h, 1d');
    expect(INTERVAL_MS['1h']).toBe(3_600_000);
  });
});
