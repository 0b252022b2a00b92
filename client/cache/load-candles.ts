import { candleOpenTime, type Candle, type Interval } from '../../shared/market/index.ts';
import type { CandleFetcher } from '../market/api-client.ts';
import { CandleRowSchema, CoverageRowSchema, type CandleDb, type CandleRow } from './candle-db.ts';
import { closedPart, mergeRanges, missingRanges } from './missing-ranges.ts';
import type { TimeRange } from './time-range.ts';

export interface CandleCache {
  db: CandleDb;
  fetchCandles: CandleFetcher;
  now?: () => number;
}

export interface LoadedCandles {
  /** Ascending, de-duplicated candles in the requested range: cached plus freshly fetched. */
  candles: Candle[];
  /** Set when some missing range could not be fetched (offline, relay or Bybit down). */
  fetchError: Error | null;
}

/**
 * Reads [from, to] from IndexedDB and fetches only what is not cached yet; the forming candle is
 * always refetched. A failed fetch still returns whatever is cached so the chart works offline.
 */
export async function loadCandles(
  cache: CandleCache,
  symbol: string,
  interval: Interval,
  from: number,
  to: number,
): Promise<LoadedCandles> {
  const now = cache.now?.() ?? Date.now();
  const covered = await readCoverage(cache.db, symbol, interval);
  const missing = missingRanges(covered, from, to, interval, now);
  const results = await Promise.allSettled(
    missing.map(async (range) => {
      const candles = await cache.fetchCandles(symbol, interval, range.from, range.to);
      await storeCandles(cache.db, symbol, interval, candles, closedPart(range, interval, now));
    }),
  );
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  const fetchError = failure ? toError(failure.reason) : null;
  const candles = await readCandles(cache.db, symbol, interval, candleOpenTime(from, interval), candleOpenTime(to, interval));
  return { candles, fetchError };
}

/** Stores candles and, atomically with them, the range they prove complete (null: none). */
export async function storeCandles(
  db: CandleDb,
  symbol: string,
  interval: Interval,
  candles: Candle[],
  complete: TimeRange | null,
): Promise<void> {
  const rows = candles.map((c) => CandleRowSchema.parse({ ...c, symbol, interval }));
  await db.transaction('rw', db.candles, db.ranges, async () => {
    await db.candles.bulkPut(rows);
    if (!complete) return;
    const covered = await readCoverage(db, symbol, interval);
    await db.ranges.put({ symbol, interval, ranges: mergeRanges([...covered, complete], interval) });
  });
}

/**
 * A live candle from the stream; once closed it is final and covers exactly its own open time.
 * Candles missed before it (a stream drop) stay uncovered, so the next load fetches them.
 */
export async function storeLiveCandle(db: CandleDb, symbol: string, interval: Interval, candle: Candle, closed: boolean): Promise<void> {
  // An off-grid open time would let mergeRanges bridge a neighbouring hole it does not contain.
  if (candleOpenTime(candle.openTime, interval) !== candle.openTime) {
    throw new RangeError(`live ${symbol} ${interval} candle openTime ${candle.openTime} is not on the ${interval} grid`);
  }
  await storeCandles(db, symbol, interval, [candle], closed ? { from: candle.openTime, to: candle.openTime } : null);
}

async function readCoverage(db: CandleDb, symbol: string, interval: Interval): Promise<TimeRange[]> {
  const row = await db.ranges.get([symbol, interval]);
  if (!row) return [];
  const parsed = CoverageRowSchema.safeParse(row);
  if (parsed.success) return parsed.data.ranges;
  // A corrupt coverage row only costs a refetch; never trust it.
  await db.ranges.delete([symbol, interval]);
  return [];
}

async function readCandles(db: CandleDb, symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]> {
  const rows = await db.candles
    .where('[symbol+interval+openTime]')
    .between([symbol, interval, from], [symbol, interval, to], true, true)
    .toArray();
  const valid = rows.filter((row) => CandleRowSchema.safeParse(row).success);
  if (valid.length < rows.length) {
    // Corrupt rows are dropped and their coverage forgotten so the next load refetches them.
    await db.ranges.delete([symbol, interval]);
    await db.candles.bulkDelete(rows.filter((r) => !valid.includes(r)).map((r) => [r.symbol, r.interval, r.openTime] as [string, string, number]));
  }
  return valid.map(toCandle);
}

function toCandle(row: CandleRow): Candle {
  return { openTime: row.openTime, open: row.open, high: row.high, low: row.low, close: row.close, volume: row.volume, turnover: row.turnover };
}

function toError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
