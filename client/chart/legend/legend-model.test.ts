import { describe, expect, it } from 'vitest';
import type { Candle } from '../../../shared/market/index.ts';
import { candleIndexAt, candleLegend } from './legend-model.ts';

const candle = (openTime: number, open: number, close: number): Candle => ({
  openTime, open, high: Math.max(open, close) + 1, low: Math.min(open, close) - 1, close, volume: 1234.5, turnover: 0,
});
const candles = [candle(0, 100, 101.5), candle(60_000, 101.5, 99.25), candle(120_000, 99.25, 99.25)];

describe('candleLegend', () => {
  it('shows OHLCV and the change from the previous close', () => {
    expect(candleLegend(candles, 1, '0.01')).toEqual({
      open: '101.50', high: '102.50', low: '98.25', close: '99.25', volume: '1.23K',
      change: '−2.25', changePct: '−2.22%', direction: 'down',
    });
  });

  it('measures the first candle against its own open, and a flat one as flat', () => {
    expect(candleLegend(candles, 0, '0.1')).toMatchObject({ change: '+1.5', changePct: '+1.50%', direction: 'up' });
    expect(candleLegend(candles, 2, '0.01')).toMatchObject({ change: '0.00', changePct: '0.00%', direction: 'flat' });
  });

  it('has nothing for an index outside the candles', () => {
    expect(candleLegend(candles, 3, '0.01')).toBeNull();
    expect(candleLegend(candles, -1, '0.01')).toBeNull();
  });
});

describe('candleIndexAt', () => {
  it('finds the candle open at a time, or the last before it', () => {
    expect(candleIndexAt(candles, 60_000)).toBe(1);
    expect(candleIndexAt(candles, 119_999)).toBe(1);
    expect(candleIndexAt(candles, 999_999)).toBe(2);
    expect(candleIndexAt(candles, -1)).toBe(-1);
  });
});
