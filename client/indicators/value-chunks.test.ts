import { describe, expect, it } from 'vitest';
import type { IndicatorSeries } from '../../shared/indicators/index.ts';
import { CHUNK_CANDLES, chunksToColumns, mergeChunks, seriesToChunks, type ValueChunk } from './value-chunks.ts';

const MIN = 60_000;
const identity = { symbol: 'BTCUSDT', interval: '1m' as const, indicator: 'ema', paramsHash: '0123456789abcdef' };

function series(times: number[], values: number[]): IndicatorSeries {
  return { name: 'ema', paramsHash: identity.paramsHash, outputs: ['value'], time: Float64Array.from(times), values: { value: Float64Array.from(values) } };
}

function chunk(times: number[], values: number[]): ValueChunk {
  return { ...identity, chunkStart: 0, outputs: ['value'], time: Float64Array.from(times), columns: [Float64Array.from(values)] };
}

describe('value chunks', () => {
  it('splits a series at fixed time buckets and copies the columns', () => {
    const span = CHUNK_CANDLES * MIN;
    const times = [span - 2 * MIN, span - MIN, span, span + MIN, 3 * span];
    const s = series(times, [1, 2, 3, 4, 5]);
    const chunks = seriesToChunks(identity, s);
    expect(chunks.map((c) => [c.chunkStart, Array.from(c.time)])).toEqual([
      [0, [span - 2 * MIN, span - MIN]],
      [span, [span, span + MIN]],
      [3 * span, [3 * span]],
    ]);
    s.values.value![0] = 99;
    expect(chunks[0]!.columns[0]![0]).toBe(1);
  });

  it('merges by time: new finite values win, new NaN keeps a stored value', () => {
    const merged = mergeChunks(chunk([0, MIN, 2 * MIN], [1, 2, 3]), chunk([MIN, 2 * MIN, 3 * MIN], [NaN, 30, 40]));
    expect(Array.from(merged.time)).toEqual([0, MIN, 2 * MIN, 3 * MIN]);
    expect(Array.from(merged.columns[0]!)).toEqual([1, 2, 30, 40]);
  });

  it('joins chunks back into columns restricted to a time range', () => {
    const { time, values } = chunksToColumns([chunk([0, MIN], [1, 2]), chunk([2 * MIN, 3 * MIN], [3, 4])], ['value'], MIN, 2 * MIN);
    expect(Array.from(time)).toEqual([MIN, 2 * MIN]);
    expect(Array.from(values.value!)).toEqual([2, 3]);
  });
});
