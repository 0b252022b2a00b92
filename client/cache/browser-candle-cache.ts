import { createCandleFetcher } from '../market/api-client.ts';
import { CandleDb } from './candle-db.ts';
import type { CandleCache } from './load-candles.ts';

let cache: CandleCache | null = null;

/** The tab's candle cache: one IndexedDB database, fetching through the relay on the same origin. */
export function browserCandleCache(): CandleCache {
  cache ??= { db: new CandleDb(), fetchCandles: createCandleFetcher() };
  return cache;
}
