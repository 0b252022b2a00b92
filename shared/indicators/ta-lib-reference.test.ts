import { describe, expect, it } from 'vitest';
import { computeIndicator } from './batch.ts';
import { BTC_1M_FIXTURE, XRP_ETH_1M_FIXTURE, loadFixtureCandles } from './fixture-candles.ts';
import { parseIndicatorSpec } from './registry.ts';
import type { IndicatorSpecInput } from './schemas.ts';
import type { OhlcvCandle } from '../market/index.ts';

/**
 * The engine against TA-Lib's definitions (ta_SMA.c, ta_EMA.c, ta_MACD.c, ta_RSI.c, ta_ATR.c,
 * ta_BBANDS.c), re-implemented here as plain array loops, one output index per candle and NaN for
 * TA-Lib's lookback. Warm-up must match exactly; values to 1e-9 relative.
 */

function nans(n: number): number[] {
  return new Array<number>(n).fill(NaN);
}

/** TA-Lib EMA over `values[begin..]`: SMA of the first `period`, then ((x − prev)·k) + prev. */
function taEma(values: number[], period: number, begin = 0): number[] {
  const out = nans(values.length);
  const k = 2 / (period + 1);
  let sum = 0;
  for (let i = begin; i < begin + period && i < values.length; i++) sum += values[i]!;
  if (begin + period > values.length) return out;
  let prev = sum / period;
  out[begin + period - 1] = prev;
  for (let i = begin + period; i < values.length; i++) out[i] = prev = (values[i]! - prev) * k + prev;
  return out;
}

function taSma(values: number[], period: number): number[] {
  const out = nans(values.length);
  for (let i = period - 1; i < values.length; i++) {
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j]!;
    out[i] = sum / period;
  }
  return out;
}

/** TA-Lib MACD: fast EMA seeded on the `fast` closes ending at slow−1; signal EMA on the MACD line. */
function taMacd(close: number[], fast: number, slow: number, signal: number) {
  const slowEma = taEma(close, slow);
  const fastEma = taEma(close, fast, slow - fast);
  const line = close.map((_, i) => fastEma[i]! - slowEma[i]!);
  const signalLine = nans(close.length);
  const fromLine = taEma(line.slice(slow - 1), signal);
  fromLine.forEach((v, j) => (signalLine[slow - 1 + j] = v));
  const first = slow + signal - 2;
  const keep = (column: number[]) => column.map((v, i) => (i < first ? NaN : v));
  return {
    macd: keep(line),
    signal: keep(signalLine),
    histogram: keep(line.map((v, i) => v - signalLine[i]!)),
  };
}

/** TA-Lib RSI: first output at index `period`; 0 when gains and losses are both zero. */
function taRsi(close: number[], period: number): number[] {
  const out = nans(close.length);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i <= period; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d < 0) loss -= d;
    else gain += d;
  }
  gain /= period;
  loss /= period;
  const rsi = () => (gain + loss === 0 ? 0 : (100 * gain) / (gain + loss));
  out[period] = rsi();
  for (let i = period + 1; i < close.length; i++) {
    const d = close[i]! - close[i - 1]!;
    gain = (gain * (period - 1) + (d > 0 ? d : 0)) / period;
    loss = (loss * (period - 1) + (d < 0 ? -d : 0)) / period;
    out[i] = rsi();
  }
  return out;
}

/** TA-Lib ATR: TRANGE from index 1, first ATR = mean of TR[1..period] at index `period`, then Wilder. */
function taAtr(candles: OhlcvCandle[], period: number): number[] {
  const out = nans(candles.length);
  const tr = candles.map((c, i) =>
    i === 0 ? NaN : Math.max(c.high - c.low, Math.abs(c.high - candles[i - 1]!.close), Math.abs(c.low - candles[i - 1]!.close)),
  );
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += tr[i]!;
  let prev = sum / period;
  out[period] = prev;
  for (let i = period + 1; i < candles.length; i++) out[i] = prev = (prev * (period - 1) + tr[i]!) / period;
  return out;
}

/** TA-Lib BBANDS with an SMA middle and the population standard deviation. */
function taBbands(close: number[], period: number, k: number) {
  const middle = taSma(close, period);
  const deviation = middle.map((m, i) => {
    if (Number.isNaN(m)) return NaN;
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += (close[j]! - m) ** 2;
    return Math.sqrt(sum / period);
  });
  return { upper: middle.map((m, i) => m + k * deviation[i]!), middle, lower: middle.map((m, i) => m - k * deviation[i]!) };
}

/** Indices where warm-up differs or the value is off by more than `tolerance` relative to `scale`. */
function mismatches(ours: Float64Array, theirs: number[], tolerance: number, scale: (i: number) => number): number[] {
  const bad: number[] = [];
  theirs.forEach((expected, i) => {
    const actual = ours[i]!;
    if (Number.isNaN(expected) || Number.isNaN(actual)) {
      if (Number.isNaN(expected) !== Number.isNaN(actual)) bad.push(i);
    } else if (Math.abs(actual - expected) > tolerance * scale(i)) bad.push(i);
  });
  return bad;
}

describe.each([
  ['BTC/USDT 1m', BTC_1M_FIXTURE],
  ['XRP/ETH 1m (illiquid, zero-volume rows)', XRP_ETH_1M_FIXTURE],
])('TA-Lib definitions on real %s candles', (_label, file) => {
  const candles = loadFixtureCandles(file);
  const close = candles.map((c) => c.close);
  const ours = (input: IndicatorSpecInput) => computeIndicator(parseIndicatorSpec(input), candles).values;
  const relative = (expected: number[]) => (i: number) => Math.max(Math.abs(expected[i]!), Number.MIN_VALUE);
  const price = (i: number) => close[i]!;

  it.each([5, 20, 200])('SMA(%i)', (period) => {
    const expected = taSma(close, period);
    expect(mismatches(ours({ name: 'sma', params: { period } }).value!, expected, 1e-9, relative(expected))).toEqual([]);
  });

  it.each([1, 3, 20, 200])('EMA(%i): first value at period−1, the SMA of the first closes', (period) => {
    const expected = taEma(close, period);
    expect(mismatches(ours({ name: 'ema', params: { period } }).value!, expected, 1e-9, relative(expected))).toEqual([]);
  });

  it.each([
    [12, 26, 9],
    [5, 35, 5],
  ])('MACD(%i, %i, %i): first values at slow+signal−2', (fast, slow, signal) => {
    const expected = taMacd(close, fast, slow, signal);
    const values = ours({ name: 'macd', params: { fast, slow, signal } });
    // MACD crosses zero: measured against the price it is a difference of.
    for (const output of ['macd', 'signal', 'histogram'] as const) {
      expect(mismatches(values[output]!, expected[output], 1e-12, price), output).toEqual([]);
    }
  });

  it.each([2, 14, 50])('RSI(%i): first value at index period, 0 on no movement', (period) => {
    const expected = taRsi(close, period);
    // 0..100: measured against the scale.
    expect(mismatches(ours({ name: 'rsi', params: { period } }).value!, expected, 1e-11, () => 100)).toEqual([]);
  });

  it.each([1, 14, 50])('ATR(%i): first value at index period', (period) => {
    const expected = taAtr(candles, period);
    expect(mismatches(ours({ name: 'atr', params: { period } }).value!, expected, 1e-9, relative(expected))).toEqual([]);
  });

  it('Bollinger Bands(20, 2)', () => {
    const expected = taBbands(close, 20, 2);
    const values = ours({ name: 'bb', params: { period: 20, stdDev: 2 } });
    for (const band of ['upper', 'middle', 'lower'] as const) {
      expect(mismatches(values[band]!, expected[band], 1e-9, relative(expected[band])), band).toEqual([]);
    }
  });
});
