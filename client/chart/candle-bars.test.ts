import { describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import { chartTime, liveOutcome, mergeCandles, toCandlestickBar, toVolumeBar } from './candle-bars.ts';

const candle = (openTime: number, open = 10, close = 11): Candle => ({
  openTime, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 7, turnover: 70,
});

describe('candle bars', () => {
  it('converts UTC milliseconds to the chart’s UTC seconds', () => {
    expect(chartTime(1_700_000_040_000)).toBe(1_700_000_040);
    expect(toCandlestickBar(candle(60_000))).toEqual({ time: 60, open: 10, high: 12, low: 9, close: 11 });
  });

  it('colours volume by candle direction', () => {
    expect(toVolumeBar(candle(0, 10, 11)).color).toContain('38, 166, 154');
    expect(toVolumeBar(candle(0, 11, 10)).color).toContain('239, 83, 80');
    expect(toVolumeBar(candle(0)).value).toBe(7);
  });

  it('merges pages ascending without duplicates, preferring the newer copy', () => {
    const merged = mergeCandles([candle(0), candle(60_000, 1, 2)], [candle(60_000, 3, 4), candle(120_000)]);
    expect(merged.map((c) => c.openTime)).toEqual([0, 60_000, 120_000]);
    expect(merged[1]?.close).toBe(4);
  });

  it('places a streamed candle relative to the last shown bar', () => {
    const shown = [candle(0), candle(60_000)];
    expect(liveOutcome(shown, candle(60_000))).toBe('replaced');
    expect(liveOutcome(shown, candle(120_000))).toBe('appended');
    expect(liveOutcome(shown, candle(0))).toBe('ignored');
    expect(liveOutcome([], candle(0))).toBe('ignored');
  });
});
