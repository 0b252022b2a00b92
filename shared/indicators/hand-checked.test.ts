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

  it('EMA(3) seeds with the first close and weighs each new close by 2/(3+1)', () => {
    // 1 → 1·½+2·½ = 1.5 → 1.5·½+3·½ = 2.25 → 3.125 → 4.0625; published from the 3rd close.
    expect(run({ name: 'ema', params: { period: 3 } }, fromCloses([1, 2, 3, 4, 5]))).toEqual([
      null,
      null,
      { value: 2.25 },
      { value: 3.125 },
      { value: 4.0625 },
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

  it('RSI is 100 when prices only rise', () => {
    expect(run({ name: 'rsi', params: { period: 3 } }, fromCloses([1, 2, 3, 4, 5])).at(-1)).toEqual({ value: 100 });
  });

  it('MACD(2, 3, 2) publishes all three lines once the signal EMA has 2 MACD values', () => {
    // fast EMA (α ⅔): 1, 5/3, 23/9, 95/27. slow EMA (α ½): 1, 1.5, 2.25, 3.125.
    // MACD: 23/9 − 2.25 = 11/36 (3rd close), 95/27 − 3.125 = 85/216 (4th).
    // signal (α ⅔, seeded 11/36): 85/216·⅔ + 11/36·⅓ = 236/648; histogram 85/216 − 236/648 = 19/648.
    const values = run({ name: 'macd', params: { fast: 2, slow: 3, signal: 2 } }, fromCloses([1, 2, 3, 4]));
    expect(values.slice(0, 3)).toEqual([null, null, null]);
    expect(values[3]!.macd).toBeCloseTo(85 / 216, 12);
    expect(values[3]!.signal).toBeCloseTo(236 / 648, 12);
    expect(values[3]!.histogram).toBeCloseTo(19 / 648, 12);
  });

  it('ATR(2) averages the first two true ranges, then smooths the Wilder way', () => {
    // TR: 10−8 = 2; max(11−9, |11−9|, |9−9|) = 2; max(12−9, |12−10|, |9−10|) = 3.
    // ATR: (2+2)/2 = 2, then 2 + (3−2)/2 = 2.5.
    const candles: OhlcvCandle[] = [
      { openTime: 0, open: 9, high: 10, low: 8, close: 9, volume: 1 },
      { openTime: MINUTE, open: 9, high: 11, low: 9, close: 10, volume: 1 },
      { openTime: 2 * MINUTE, open: 10, high: 12, low: 9, close: 11, volume: 1 },
    ];
    expect(run({ name: 'atr', params: { period: 2 } }, candles)).toEqual([null, { value: 2 }, { value: 2.5 }]);
  });

  it('Bollinger Bands(3, 2) of 1, 2, 3: middle 2, width 2·√(2/3)', () => {
    const values = run({ name: 'bb', params: { period: 3, stdDev: 2 } }, fromCloses([1, 2, 3]));
    const width = 2 * Math.sqrt(2 / 3);
    expect(values[2]!.middle).toBeCloseTo(2, 12);
    expect(values[2]!.upper).toBeCloseTo(2 + width, 12);
    expect(values[2]!.lower).toBeCloseTo(2 - width, 12);
  });
});
