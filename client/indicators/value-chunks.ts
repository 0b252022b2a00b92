import type { IndicatorSeries } from '../../shared/indicators/index.ts';
import type { Interval } from '../../shared/market/index.ts';
import { INTERVAL_MS } from '../../shared/market/index.ts';

/**
 * Stored layout of indicator values: one row per fixed time bucket of CHUNK_CANDLES candles, with
 * the values as typed-array columns. The key still carries symbol, interval, indicator, paramsHash
 * and (bucket start) time, so a range read is one index scan; a 43k-candle series is ~43 rows
 * instead of 43k, which IndexedDB writes and reads far faster (figures in README.md).
 */
export const CHUNK_CANDLES = 1024;

export interface ValueChunk {
  symbol: string;
  interval: Interval;
  indicator: string;
  paramsHash: string;
  /** Open time of the bucket's first possible candle, UTC ms; multiple of CHUNK_CANDLES × interval. */
  chunkStart: number;
  outputs: string[];
  /** Ascending candle open times present in the bucket. */
  time: Float64Array;
  /** Same order as `outputs`; NaN marks a candle still in warm-up. */
  columns: Float64Array[];
}

export type ChunkIdentity = Pick<ValueChunk, 'symbol' | 'interval' | 'indicator' | 'paramsHash'>;

export function chunkStartOf(time: number, interval: Interval): number {
  const span = CHUNK_CANDLES * INTERVAL_MS[interval];
  return Math.floor(time / span) * span;
}

/** Splits a series into bucket rows; columns are copies, so the series' buffers can be transferred afterwards. */
export function seriesToChunks(identity: ChunkIdentity, series: IndicatorSeries): ValueChunk[] {
  const chunks: ValueChunk[] = [];
  const outputs = [...series.outputs];
  let begin = 0;
  while (begin < series.time.length) {
    const chunkStart = chunkStartOf(series.time[begin]!, identity.interval);
    const chunkEnd = chunkStart + CHUNK_CANDLES * INTERVAL_MS[identity.interval];
    let end = begin;
    while (end < series.time.length && series.time[end]! < chunkEnd) end++;
    chunks.push({
      ...identity,
      chunkStart,
      outputs,
      time: series.time.slice(begin, end),
      columns: outputs.map((output) => series.values[output]!.slice(begin, end)),
    });
    begin = end;
  }
  return chunks;
}

/**
 * Union of a stored bucket and a newly computed one, by candle time. A new finite value wins; a new
 * NaN does not erase a stored value, because a recompute over a shorter history is still warming
 * up where an earlier, longer one already had settled values.
 */
export function mergeChunks(stored: ValueChunk, incoming: ValueChunk): ValueChunk {
  const byTime = new Map<number, number[]>();
  const read = (chunk: ValueChunk, i: number) => chunk.columns.map((column) => column[i]!);
  for (let i = 0; i < stored.time.length; i++) byTime.set(stored.time[i]!, read(stored, i));
  for (let i = 0; i < incoming.time.length; i++) {
    const fresh = read(incoming, i);
    const old = byTime.get(incoming.time[i]!);
    byTime.set(incoming.time[i]!, old ? fresh.map((v, k) => (Number.isNaN(v) ? old[k]! : v)) : fresh);
  }
  const times = [...byTime.keys()].sort((a, b) => a - b);
  const columns = incoming.outputs.map(() => new Float64Array(times.length));
  times.forEach((t, i) => byTime.get(t)!.forEach((v, k) => (columns[k]![i] = v)));
  return { ...incoming, time: Float64Array.from(times), columns };
}

/** Joins bucket rows (ascending) into one columnar series restricted to [from, to]. */
export function chunksToColumns(
  chunks: readonly ValueChunk[],
  outputs: readonly string[],
  from: number,
  to: number,
): { time: Float64Array; values: Record<string, Float64Array> } {
  const times: number[] = [];
  const picked = outputs.map(() => [] as number[]);
  for (const chunk of chunks) {
    for (let i = 0; i < chunk.time.length; i++) {
      const t = chunk.time[i]!;
      if (t < from || t > to) continue;
      times.push(t);
      outputs.forEach((output, k) => picked[k]!.push(chunk.columns[chunk.outputs.indexOf(output)]?.[i] ?? NaN));
    }
  }
  const values: Record<string, Float64Array> = {};
  outputs.forEach((output, k) => (values[output] = Float64Array.from(picked[k]!)));
  return { time: Float64Array.from(times), values };
}
