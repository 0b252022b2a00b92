import { describe, expect, it } from 'vitest';
import { createIndicator, parseIndicatorSpec } from './registry.ts';
import type { IndicatorSpecInput } from './schemas.ts';
import type { OhlcvCandle } from '../market/index.ts';

/** Small series worked out by hand (arithmetic in the comments), one per indicator. */
const MINUTE = 60_000;

function fromCloses(closes: number[]): OhlcvCandle[] {
  return closes.map((close, i) => ({ openTime: i * MINUTE, open: close, high: close, low: close, close, volume: 1 }));
}

function run(input: IndicatorSpecInput, candles: OhlcvCandle[]) {
  const indicator = createIndicator(parseIndicatorSpec(input));
  return candles.map((c) => indicator.update(c)?.values ?? null);
}

describe('hand-checked values', () => {
  it('SMA(3) of 1..5 is 2, 3, 4 after two warm-up candles', () => {
    expect(run({ name: 'sma', params: { period: 3 } }, fromCloses([1, 2, 3, 4, 5]))).toEqual([
      null,
      null,
      { value: 2 },
      { value: 3 },
      { value: 4 },
    ]);
  });

  it('EMA(3) seeds with the SMA of the first 3 closes (TA-Lib), then weighs each new close by 2/(3+1)', () => {
    // seed (1+2+3)/3 = 2 on the 3rd close → (4−2)·½+2 = 3 → (5−3)·½+3 = 4.
    expect(run({ name: 'ema', params: { period: 3 } }, fromCloses([1, 2, 3, 4, 5]))).toEqual([
      null,
      null,
      { value: 2 },
      { value: 3 },
      { value: 4 },
    ]);
  });

  it('RSI(2) starts from the mean gain and loss, then smooths them the Wilder way', () => {
    // changes +1, −1 → avg gain ½, avg loss ½ → RS 1 → 50.
    // change +2 → gain ½+(2−½)/2 = 1.25, loss ½+(0−½)/2 = 0.25 → RS 5 → 100 − 100/6.
    const values = run({ name: 'rsi', params: { period: 2 } }, fromCloses([1, 2, 1, 3]));
    expect(values.slice(0, 2)).toEqual([null, null]);
    expect(values[2]!.value).toBeCloseTo(50, 12);
    expect(values[3]!.value).toBeCloseTo(100 - 100 / 6, 12);
  });

  it('RSI is 100 when prices only rise, 0 when they only fall, and 0 when they never move (TA-Lib)', () => {
    expect(run({ name: 'rsi', params: { period: 3 } }, fromCloses([1, 2, 3, 4, 5])).at(-1)).toEqual({ value: 100 });
    expect(run({ name: 'rsi', params: { period: 3 } }, fromCloses([5, 4, 3, 2, 1])).at(-1)).toEqual({ value: 0 });
    expect(run({ name: 'rsi', params: { period: 2 } }, fromCloses([7, 7, 7, 7]))).toEqual([null, null, { value: 0 }, { value: 0 }]);
  });

  it('MACD(2, 3, 2): both EMAs SMA-seeded ending on the 3rd close, signal SMA-seeded on 2 MACD values', () => {
    // slow EMA(3) of 1, 2, 4, 8, 16: 7/3 → (8−7/3)·½+7/3 = 31/6 → 127/12.
    // fast EMA(2) skips the first close: (2+4)/2 = 3 → (8−3)·⅔+3 = 19/3 → 115/9.
    // MACD: 2/3, 7/6, 79/36. signal: (2/3+7/6)/2 = 11/12 → (79/36−11/12)·⅔+11/12 = 191/108.
    const values = run({ name: 'macd', params: { fast: 2, slow: 3, signal: 2 } }, fromCloses([1, 2, 4, 8, 16]));
    expect(values.slice(0, 3)).toEqual([null, null, null]);
    expect(values[3]!.macd).toBeCloseTo(7 / 6, 12);
    expect(values[3]!.signal).toBeCloseTo(11 / 12, 12);
    expect(values[3]!.histogram).toBeCloseTo(1 / 4, 12);
    expect(values[4]!.macd).toBeCloseTo(79 / 36, 12);
    expect(values[4]!.signal).toBeCloseTo(191 / 108, 12);
    expect(values[4]!.histogram).toBeCloseTo(23 / 54, 12);
  });

  it('ATR(2) starts at the second candle (TA-Lib): mean of the first two true ranges, then Wilder', () => {
    // TR from the 2nd candle: max(11−9, |11−9|, |9−9|) = 2; max(12−9, |12−10|, |9−10|) = 3;
    // max(13−11, |13−11|, |11−11|) = 2. ATR: (2+3)/2 = 2.5, then (2.5·1 + 2)/2 = 2.25.
    const candles: OhlcvCandle[] = [
      { openTime: 0, open: 9, high: 10, low: 8, close: 9, volume: 1 },
      { openTime: MINUTE, open: 9, high: 11, low: 9, close: 10, volume: 1 },
      { openTime: 2 * MINUTE, open: 10, high: 12, low: 9, close: 11, volume: 1 },
      { openTime: 3 * MINUTE, open: 11, high: 13, low: 11, close: 12, volume: 1 },
    ];
    expect(run({ name: 'atr', params: { period: 2 } }, candles)).toEqual([null, null, { value: 2.5 }, { value: 2.25 }]);
  });

  it('Bollinger Bands(3, 2) of 1, 2, 3: middle 2, width 2·√(2/3)', () => {
    const values = run({ name: 'bb', params: { period: 3, stdDev: 2 } }, fromCloses([1, 2, 3]));
    const width = 2 * Math.sqrt(2 / 3);
    expect(values[2]!.middle).toBeCloseTo(2, 12);
    expect(values[2]!.upper).toBeCloseTo(2 + width, 12);
    expect(values[2]!.lower).toBeCloseTo(2 - width, 12);
  });
});
