import { describe, expect, it } from 'vitest';
import { computeIndicator } from './batch.ts';
import { INDICATOR_DEFINITIONS } from './definitions.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from './fixture-candles.ts';
import { createIndicator, indicatorDefinition, parseIndicatorSpec } from './registry.ts';
import type { IndicatorSpecInput } from './schemas.ts';
import { CandleOrderError } from './streaming.ts';

/**
 * The contract every registered indicator keeps, checked on 43,199 real BTC/USDT 1m candles:
 * exact warm-up, batch == streaming, no look-ahead, and a look-back window that settles the value.
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

  it('settles the value at `from` when started at its look-back start', () => {
    const fromIndex = 30_000;
    const from = candles[fromIndex]!.openTime;
    const start = definition.lookbackStart(spec.params, from, MINUTE);
    const windowed = computeIndicator(
      spec,
      candles.filter((c) => c.openTime >= start),
    );
    const at = windowed.time.indexOf(from);
    for (const output of definition.outputs) {
      const full = series.values[output]![fromIndex]!;
      const settled = windowed.values[output]![at]!;
      expect(Math.abs(settled - full)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(full)));
    }
  });

  it('refuses a candle that is not newer than the previous one', () => {
    const streaming = createIndicator(spec);
    streaming.update(candles[0]!);
    streaming.update(candles[1]!);
    expect(() => streaming.update(candles[1]!)).toThrow(CandleOrderError);
    expect(() => streaming.update(candles[0]!)).toThrow(/not newer than the previous one/);
  });
});
