import { paramsHash, type IndicatorPoint, type IndicatorSeries, type IndicatorSpec } from '../../shared/indicators/index.ts';
import type { Interval } from '../../shared/market/index.ts';
import type { IndicatorDb, ValueChunkKey } from './indicator-db.ts';
import { chunkStartOf, chunksToColumns, mergeChunks, seriesToChunks, type ChunkIdentity, type ValueChunk } from './value-chunks.ts';

export interface SeriesLocation {
  symbol: string;
  interval: Interval;
  spec: IndicatorSpec;
}

function identityOf({ symbol, interval, spec }: SeriesLocation): ChunkIdentity {
  return { symbol, interval, indicator: spec.name, paramsHash: paramsHash(spec) };
}

function keyOf(chunk: Pick<ValueChunk, keyof ChunkIdentity | 'chunkStart'>): ValueChunkKey {
  return [chunk.symbol, chunk.interval, chunk.indicator, chunk.paramsHash, chunk.chunkStart];
}

/** Indicator values in IndexedDB, keyed by symbol, interval, indicator, paramsHash and candle time. */
export class IndicatorValueStore {
  constructor(private readonly db: IndicatorDb) {}

  /** Stores a computed series, merging with buckets already stored (see `mergeChunks`). */
  async saveSeries(location: SeriesLocation, series: IndicatorSeries): Promise<void> {
    const incoming = seriesToChunks(identityOf(location), series);
    if (incoming.length === 0) return;
    await this.db.transaction('rw', this.db.values, async () => {
      const stored = await this.db.values.bulkGet(incoming.map(keyOf));
      await this.db.values.bulkPut(incoming.map((chunk, i) => (stored[i] ? mergeChunks(stored[i], chunk) : chunk)));
    });
  }

  /** Adds one closed candle's values to its bucket. */
  async appendPoint(location: SeriesLocation, outputs: readonly string[], point: IndicatorPoint): Promise<void> {
    const identity = identityOf(location);
    const chunk: ValueChunk = {
      ...identity,
      chunkStart: chunkStartOf(point.time, location.interval),
      outputs: [...outputs],
      time: Float64Array.of(point.time),
      columns: outputs.map((output) => Float64Array.of(point.values[output] ?? NaN)),
    };
    await this.db.transaction('rw', this.db.values, async () => {
      const stored = await this.db.values.get(keyOf(chunk));
      await this.db.values.put(stored ? mergeChunks(stored, chunk) : chunk);
    });
  }

  /** Stored values with candle open time in [from, to], as a columnar series (NaN in warm-up). */
  async readSeries(location: SeriesLocation, outputs: readonly string[], from: number, to: number): Promise<IndicatorSeries> {
    const { symbol, interval, indicator, paramsHash: hash } = identityOf(location);
    const chunks = await this.db.values
      .where('[symbol+interval+indicator+paramsHash+chunkStart]')
      .between([symbol, interval, indicator, hash, chunkStartOf(from, interval)], [symbol, interval, indicator, hash, to], true, true)
      .toArray();
    const { time, values } = chunksToColumns(chunks, outputs, from, to);
    return { name: location.spec.name, paramsHash: hash, outputs, time, values };
  }
}
