import { describe, expect, it } from 'vitest';
import { bucketStart, isBybitInterval, nextBucketStart } from './kline-intervals.ts';

describe('kline interval buckets', () => {
  const ts = Date.UTC(2024, 1, 29, 13, 47, 12, 345); // Thursday 29 Feb 2024

  it('aligns minute and hour intervals to epoch multiples', () => {
    expect(bucketStart('1', ts)).toBe(Date.UTC(2024, 1, 29, 13, 47));
    expect(bucketStart('15', ts)).toBe(Date.UTC(2024, 1, 29, 13, 45));
    expect(bucketStart('240', ts)).toBe(Date.UTC(2024, 1, 29, 12));
    expect(bucketStart('720', ts)).toBe(Date.UTC(2024, 1, 29, 12));
    expect(bucketStart('D', ts)).toBe(Date.UTC(2024, 1, 29));
  });

  it('opens weekly candles on Monday and monthly candles on the 1st', () => {
    expect(bucketStart('W', ts)).toBe(Date.UTC(2024, 1, 26));
    expect(new Date(bucketStart('W', ts)).getUTCDay()).toBe(1);
    expect(bucketStart('M', ts)).toBe(Date.UTC(2024, 1, 1));
    expect(nextBucketStart('M', Date.UTC(2024, 1, 1))).toBe(Date.UTC(2024, 2, 1));
    expect(nextBucketStart('W', Date.UTC(2024, 1, 26))).toBe(Date.UTC(2024, 2, 4));
  });

  it('accepts only Bybit interval codes', () => {
    expect(isBybitInterval('60')).toBe(true);
    expect(isBybitInterval('1h')).toBe(false);
    expect(isBybitInterval('2')).toBe(false);
  });
});
