import { describe, expect, it } from 'vitest';
import * as reference from 'technicalindicators';
import { computeIndicator } from './batch.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from './fixture-candles.ts';
import { parseIndicatorSpec } from './registry.ts';
import type { IndicatorSpecInput } from './schemas.ts';

/**
 * Our values against an independent implementation (technicalindicators) on 43,199 real candles.
 * Both seed EMA with an SMA and start ATR at the second candle, as TA-Lib does, so every indicator
 * must agree from its first value (MACD: technicalindicators seeds its fast EMA on the first closes,
 * TA-Lib and we on the closes ending where the slow one starts, so MACD is compared once that decayed).
 */
const candles = loadFixtureCandles(BTC_1M_FIXTURE);
const close = candles.map((c) => c.close);
const high = candles.map((c) => c.high);
const low = candles.map((c) => c.low);

/** Relative difference, measured against the price scale for values that cross zero (MACD). */
function maxRelativeError(ours: Float64Array, theirs: number[], scale: (v: number) => number, skip: number): number {
  // technicalindicators returns only values after warm-up: align both series on the last candle.
  const offset = ours.length - theirs.length;
  let worst = 0;
  for (let j = skip; j < theirs.length; j++) {
    const a = ours[j + offset]!;
    const b = theirs[j]!;
    worst = Math.max(worst, Math.abs(a - b) / scale(b));
  }
  return worst;
}

function ours(input: IndicatorSpecInput) {
  return computeIndicator(parseIndicatorSpec(input), candles);
}

const relative = (v: number) => Math.max(Math.abs(v), 1e-12);
const priceScale = () => 50_000;

describe('reference values vs technicalindicators', () => {
  it('SMA(20) agrees from the first value', () => {
    const theirs = reference.SMA.calculate({ period: 20, values: close });
    const series = ours({ name: 'sma', params: { period: 20 } });
    expect(theirs.length).toBe(candles.length - 19);
    expect(maxRelativeError(series.values.value!, theirs, relative, 0)).toBeLessThan(1e-12);
  });

  it('Bollinger Bands(20, 2) agree from the first value (population standard deviation)', () => {
    const theirs = reference.BollingerBands.calculate({ period: 20, stdDev: 2, values: close });
    const series = ours({ name: 'bb', params: { period: 20, stdDev: 2 } });
    for (const band of ['upper', 'middle', 'lower'] as const) {
      const err = maxRelativeError(series.values[band]!, theirs.map((b) => b[band]), relative, 0);
      expect(err, band).toBeLessThan(1e-10);
    }
  });

  it('RSI(14) agrees from the first value (both Wilder, seeded with the mean of the first 14 changes)', () => {
    const theirs = reference.RSI.calculate({ period: 14, values: close });
    const series = ours({ name: 'rsi', params: { period: 14 } });
    expect(theirs.length).toBe(candles.length - 14);
    // technicalindicators rounds RSI to 2 decimals.
    expect(maxRelativeError(series.values.value!, theirs, () => 1, 0)).toBeLessThanOrEqual(0.005 + 1e-9);
  });

  it('EMA(20) agrees from the first value', () => {
    const theirs = reference.EMA.calculate({ period: 20, values: close });
    const series = ours({ name: 'ema', params: { period: 20 } });
    expect(theirs.length).toBe(candles.length - 19);
    expect(maxRelativeError(series.values.value!, theirs, relative, 0)).toBeLessThan(1e-12);
  });

  it('ATR(14) agrees from the first value', () => {
    const theirs = reference.ATR.calculate({ period: 14, high, low, close });
    const series = ours({ name: 'atr', params: { period: 14 } });
    expect(theirs.length).toBe(candles.length - 14);
    expect(maxRelativeError(series.values.value!, theirs, relative, 0)).toBeLessThan(1e-12);
  });

  it('MACD(12, 26, 9) agrees once the different fast-EMA seeds have decayed', () => {
    const theirs = reference.MACD.calculate({
      values: close,
      fastPeriod: 12,
      slowPeriod: 26,
      signalPeriod: 9,
      SimpleMAOscillator: false,
      SimpleMASignal: false,
    });
    const complete = theirs.filter((m) => m.signal !== undefined);
    const series = ours({ name: 'macd', params: { fast: 12, slow: 26, signal: 9 } });
    expect(complete.length).toBe(candles.length - 33);
    for (const output of ['macd', 'signal', 'histogram'] as const) {
      const values = complete.map((m) => (output === 'macd' ? m.MACD! : m[output]!));
      expect(maxRelativeError(series.values[output]!, values, priceScale, 20 * 26), output).toBeLessThan(1e-10);
    }
  });
});
