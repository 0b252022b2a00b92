import { describe, expect, it } from 'vitest';
import { computeIndicator } from './batch.ts';
import { BTC_1M_FIXTURE, XRP_ETH_1M_FIXTURE, loadFixtureCandles } from './fixture-candles.ts';
import { createIndicator, parseIndicatorSpec } from './registry.ts';
import type { OhlcvCandle } from '../market/index.ts';
import { utcDayStart } from './vwap.ts';

const spec = parseIndicatorSpec({ name: 'vwap' });
const DAY = 86_400_000;
const MINUTE = 60_000;
const typical = (c: OhlcvCandle) => (c.high + c.low + c.close) / 3;

/** Straightforward second implementation: cumulative sums restarted at each UTC midnight. */
function referenceVwap(candles: OhlcvCandle[]): number[] {
  let day = -1;
  let pv = 0;
  let volume = 0;
  return candles.map((c) => {
    if (utcDayStart(c.openTime) !== day) {
      day = utcDayStart(c.openTime);
      pv = 0;
      volume = 0;
    }
    pv += typical(c) * c.volume;
    volume += c.volume;
    return volume === 0 ? NaN : pv / volume;
  });
}

describe('VWAP anchored to the UTC day', () => {
  it('weighs typical price by volume and restarts at 00:00 UTC', () => {
    const at = (day: number, minute: number) => day * DAY + minute * MINUTE;
    const indicator = createIndicator(spec);
    // (12+8+10)/3 = 10 with volume 1; (15+9+12)/3 = 12 with volume 3 → (10 + 36) / 4 = 11.5.
    expect(indicator.update({ openTime: at(1, 1438), open: 10, high: 12, low: 8, close: 10, volume: 1 })?.values).toEqual({ value: 10 });
    expect(indicator.update({ openTime: at(1, 1439), open: 10, high: 15, low: 9, close: 12, volume: 3 })?.values).toEqual({ value: 11.5 });
    // 00:00 UTC: a new session, so only this candle counts.
    expect(indicator.update({ openTime: at(2, 0), open: 20, high: 21, low: 19, close: 20, volume: 2 })?.values).toEqual({ value: 20 });
  });

  it('has no value before the session trades and keeps its value through a zero-volume candle', () => {
    const indicator = createIndicator(spec);
    expect(indicator.update({ openTime: DAY, open: 5, high: 6, low: 4, close: 5, volume: 0 })).toBeNull();
    expect(indicator.update({ openTime: DAY + MINUTE, open: 5, high: 7, low: 5, close: 6, volume: 2 })?.values).toEqual({ value: 6 });
    expect(indicator.update({ openTime: DAY + 2 * MINUTE, open: 9, high: 9, low: 9, close: 9, volume: 0 })?.values).toEqual({ value: 6 });
  });

  it('matches cumulative sums restarted at each midnight on 30 days of real BTC/USDT 1m candles', () => {
    const candles = loadFixtureCandles(BTC_1M_FIXTURE);
    const series = computeIndicator(spec, candles);
    const expected = referenceVwap(candles);
    const mismatches: number[] = [];
    const midnightValues: [number, number][] = [];
    candles.forEach((c, i) => {
      const value = series.values.value![i]!;
      if (!(Math.abs(value - expected[i]!) < 1e-6)) mismatches.push(i);
      if (c.openTime === utcDayStart(c.openTime)) midnightValues.push([value, typical(c)]);
    });
    expect(mismatches).toEqual([]);
    // The first candle of each day carries no earlier volume: VWAP equals its typical price.
    for (const [value, price] of midnightValues) expect(value).toBeCloseTo(price, 9);
    const midnights = midnightValues.length;
    expect(midnights).toBe(30);
  });

  it('matches the reference on illiquid real XRP/ETH candles with zero-volume rows', () => {
    const candles = loadFixtureCandles(XRP_ETH_1M_FIXTURE);
    expect(candles.some((c) => c.volume === 0)).toBe(true);
    const series = computeIndicator(spec, candles);
    const expected = referenceVwap(candles);
    const mismatches = expected.filter((v, i) => {
      const ours = series.values.value![i]!;
      return Number.isNaN(v) ? !Number.isNaN(ours) : Math.abs(ours - v) > 1e-12;
    });
    expect(mismatches).toEqual([]);
  });
});
