import { describe, expect, it } from 'vitest';
import { computeIndicator } from './batch.ts';
import { INDICATOR_DEFINITIONS } from './definitions.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from './fixture-candles.ts';
import { createIndicator, indicatorDefinition, parseIndicatorSpec } from './registry.ts';
import type { IndicatorSpecInput } from './schemas.ts';
import { CandleOrderError, InvalidCandleError } from './streaming.ts';

/**
 * The contract every registered indicator keeps, checked on 43,199 real BTC/USDT 1m candles:
 * exact warm-up, batch == streaming, no look-ahead, a look-back window after which a value no longer
 * depends on where loading started, a forming-candle preview that its close settles exactly, and
 * refusal of out-of-order or non-finite candles.
 */
const candles = loadFixtureCandles(BTC_1M_FIXTURE);
const MINUTE = 60_000;

const CASES: IndicatorSpecInput[] = [
  ...INDICATOR_DEFINITIONS.map((d) => ({ name: d.name }) as IndicatorSpecInput),
  { name: 'sma', params: { period: 200 } },
  { name: 'ema', params: { period: 50 } },
  { name: 'bb', params: { period: 10, stdDev: 1.5 } },
  { name: 'rsi', params: { period: 7 } },
  { name: 'macd', params: { fast: 5, slow: 35, signal: 5 } },
  { name: 'atr', params: { period: 21 } },
  // Long smoothing: the look-back to settle runs to ~17k (EMA) and ~6.6k (Wilder) candles.
  { name: 'ema', params: { period: 1000 } },
  { name: 'rsi', params: { period: 200 } },
];

describe.each(CASES.map((input) => [JSON.stringify(input), input] as const))('%s', (_label, input) => {
  const spec = parseIndicatorSpec(input);
  const definition = indicatorDefinition(spec);
  const series = computeIndicator(spec, candles);

  it('gives no value before its required inputs and a value for every candle from then on', () => {
    const required = definition.requiredInputs(spec.params);
    expect(createIndicator(spec).requiredInputs).toBe(required);
    for (const output of definition.outputs) {
      const column = series.values[output]!;
      const firstValue = column.findIndex((v) => !Number.isNaN(v));
      expect(firstValue).toBe(required - 1);
      expect(column.subarray(required - 1).every(Number.isFinite)).toBe(true);
    }
  });

  it('streams the same values as the batch, one closed candle at a time', () => {
    const streaming = createIndicator(spec);
    let points = 0;
    const mismatches: string[] = [];
    candles.forEach((candle, i) => {
      const point = streaming.update(candle);
      if (point !== null) {
        points++;
        if (point.time !== candle.openTime) mismatches.push(`time at ${i}`);
      }
      for (const output of definition.outputs) {
        const streamed = point === null ? NaN : point.values[output];
        // Object.is: bit-identical, NaN (warm-up) equals NaN.
        if (!Object.is(streamed, series.values[output]![i])) mismatches.push(`${output} at ${i}`);
      }
    });
    expect(mismatches).toEqual([]);
    expect(points).toBe(candles.length - definition.requiredInputs(spec.params) + 1);
  });

  it('does not look ahead: a batch over a prefix equals the full batch on that prefix', () => {
    const prefix = computeIndicator(spec, candles.slice(0, 5000));
    for (const output of definition.outputs) {
      expect(Array.from(prefix.values[output]!)).toEqual(Array.from(series.values[output]!.subarray(0, 5000)));
    }
  });

  it('gives, from a late `from` loaded from its look-back start, the full-history values to 1e-9', () => {
    const fromIndex = 30_000;
    const from = candles[fromIndex]!.openTime;
    const start = definition.lookbackStart(spec.params, from, MINUTE);
    expect(start).toBeGreaterThan(candles[0]!.openTime);
    const windowed = computeIndicator(
      spec,
      candles.filter((c) => c.openTime >= start),
    );
    const at = windowed.time.indexOf(from);
    const bad: string[] = [];
    for (const output of definition.outputs) {
      for (let i = 0; i < 500; i++) {
        const full = series.values[output]![fromIndex + i]!;
        const late = windowed.values[output]![at + i]!;
        // MACD crosses zero, so it is measured against the price it is a difference of.
        const scale = spec.name === 'macd' ? candles[fromIndex + i]!.close : Math.abs(full);
        if (!(Math.abs(late - full) <= 1e-9 * scale)) bad.push(`${output} at ${fromIndex + i}: ${late} vs ${full}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('previews the forming candle tick by tick, and its close settles to the batch value bit for bit', () => {
    const streaming = createIndicator(spec);
    const mismatches: string[] = [];
    candles.slice(0, 3000).forEach((closed, i) => {
      // Three states of the forming candle (open, a wick, a moved close), then its close.
      const ticks = [
        { ...closed, high: closed.open, low: closed.open, close: closed.open, volume: 0 },
        { ...closed, close: closed.high, volume: closed.volume / 2 },
        { ...closed, close: (closed.low + closed.high) / 2, volume: closed.volume * 0.9 },
      ];
      for (const tick of ticks) {
        const provisional = streaming.preview(tick);
        if (provisional !== null && provisional.time !== tick.openTime) mismatches.push(`preview time at ${i}`);
      }
      const point = streaming.update(closed);
      for (const output of definition.outputs) {
        if (!Object.is(point === null ? NaN : point.values[output], series.values[output]![i])) mismatches.push(`${output} at ${i}`);
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('previews what the candle would give if it closed as it stands', () => {
    const streaming = createIndicator(spec);
    for (const c of candles.slice(0, 999)) streaming.update(c);
    const forming = { ...candles[999]!, close: candles[999]!.close * 1.01, high: candles[999]!.high * 1.01 };
    const provisional = streaming.preview(forming);
    const asIfClosed = computeIndicator(spec, [...candles.slice(0, 999), forming]);
    for (const output of definition.outputs) expect(provisional?.values[output]).toBe(asIfClosed.values[output]![999]);
  });

  it('refuses a candle after a previewed one that never closed', () => {
    const streaming = createIndicator(spec);
    streaming.update(candles[0]!);
    streaming.preview(candles[1]!);
    expect(() => streaming.update(candles[2]!)).toThrow(/forming candle .* never closed/);
    expect(() => streaming.preview(candles[2]!)).toThrow(CandleOrderError);
  });

  it.each(['open', 'high', 'low', 'close', 'volume'] as const)('refuses a candle whose %s is not finite', (field) => {
    const streaming = createIndicator(spec);
    streaming.update(candles[0]!);
    expect(() => streaming.update({ ...candles[1]!, [field]: NaN })).toThrow(InvalidCandleError);
    expect(() => streaming.preview({ ...candles[1]!, [field]: Infinity })).toThrow(`has ${field} Infinity`);
    // The refused candle left no trace: the next one gives the batch value.
    const point = streaming.update(candles[1]!);
    const expected = computeIndicator(spec, candles.slice(0, 2));
    for (const output of definition.outputs) expect(Object.is(point?.values[output] ?? NaN, expected.values[output]![1])).toBe(true);
  });

  it('refuses a candle that is not newer than the previous one', () => {
    const streaming = createIndicator(spec);
    streaming.update(candles[0]!);
    streaming.update(candles[1]!);
    expect(() => streaming.update(candles[1]!)).toThrow(CandleOrderError);
    expect(() => streaming.update(candles[0]!)).toThrow(/not newer than the previous one/);
  });
});
