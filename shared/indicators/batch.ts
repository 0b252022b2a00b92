import { paramsHash } from './params-hash.ts';
import { createIndicator } from './registry.ts';
import type { IndicatorName, IndicatorSpec } from './schemas.ts';
import type { OhlcvCandle } from '../market/index.ts';

/**
 * A computed series in columns: `values[output][i]` belongs to candle `time[i]`, NaN during
 * warm-up. Typed arrays keep 100k candles compact and move to/from a worker without copying
 * (post them with `seriesTransferables`).
 */
export interface IndicatorSeries {
  name: IndicatorName;
  paramsHash: string;
  outputs: readonly string[];
  time: Float64Array;
  values: Record<string, Float64Array>;
}

/**
 * Computes an indicator over ascending closed candles. It is a loop over the streaming `update`,
 * so a batch recompute and a live stream fed the same candles cannot disagree.
 */
export function computeIndicator(spec: IndicatorSpec, candles: readonly OhlcvCandle[]): IndicatorSeries {
  const indicator = createIndicator(spec);
  const n = candles.length;
  const time = new Float64Array(n);
  const columns = indicator.outputs.map(() => new Float64Array(n).fill(NaN));
  for (let i = 0; i < n; i++) {
    const candle = candles[i]!;
    time[i] = candle.openTime;
    const point = indicator.update(candle);
    if (point === null) continue;
    for (let k = 0; k < columns.length; k++) columns[k]![i] = point.values[indicator.outputs[k]!]!;
  }
  const values: Record<string, Float64Array> = {};
  indicator.outputs.forEach((output, k) => (values[output] = columns[k]!));
  return { name: spec.name, paramsHash: paramsHash(spec), outputs: indicator.outputs, time, values };
}

/** Buffers to list in `postMessage(series, transfer)` so a worker hands the series over without a copy. */
export function seriesTransferables(series: IndicatorSeries): ArrayBuffer[] {
  return [series.time, ...Object.values(series.values)].map((column) => column.buffer as ArrayBuffer);
}
