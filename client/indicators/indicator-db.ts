import Dexie, { type Table } from 'dexie';
import type { StoredIndicatorSet } from './indicator-set.ts';
import type { ValueChunk } from './value-chunks.ts';

/** Own database name so its schema versions never collide with the market cache's or the drawings'. */
export const INDICATORS_DB_NAME = 'portal-indicators';

export type ValueChunkKey = [string, string, string, string, number];

export class IndicatorDb extends Dexie {
  /** Key: symbol, interval, indicator, paramsHash, bucket start time (BRD FR-4 key, time bucketed). */
  values!: Table<ValueChunk, ValueChunkKey>;
  /** The chosen indicator set, one row per user. */
  sets!: Table<StoredIndicatorSet, string>;

  constructor(name: string = INDICATORS_DB_NAME) {
    super(name);
    this.version(1).stores({
      values: '[symbol+interval+indicator+paramsHash+chunkStart]',
      sets: 'userId',
    });
  }
}
