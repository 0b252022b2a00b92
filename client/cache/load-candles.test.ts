import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERVAL_MS, type Candle, type Interval } from '../../shared/market/index.ts';
import { RelayUnreachableError, type CandleFetcher } from '../market/api-client.ts';
import { CandleDb } from './candle-db.ts';
import { loadCandles, storeLiveCandle } from './load-candles.ts';

const M = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const at = (minute: number) => T0 + minute * M;

/** The exchange side: one candle per interval up to and including the forming one at `now`. */
function exchange(now: () => number) {
  const calls: Array<[number, number]> = [];
  let offline = false;
  let closeBump = 0;
  const fetchCandles: CandleFetcher = async (_symbol, interval: Interval, from, to) => {
    calls.push([from, to]);
    if (offline) throw new RelayUnreachableError('relay unreachable (/api/v1/candles): Failed to fetch');
    const candles: Candle[] = [];
    for (let t = from; t <= Math.min(to, now()); t += INTERVAL_MS[interval]) {
      const close = 100 + (t - T0) / M + closeBump;
      candles.push({ openTime: t, open: close - 1, high: close + 1, low: close - 2, close, volume: 5, turnover: 500 });
    }
    return candles;
  };
  return {
    calls,
    fetchCandles,
    goOffline: () => (offline = true),
    bumpCloses: (by: number) => (closeBump = by),
  };
}

const dbs: CandleDb[] = [];
function newDb(): CandleDb {
  const db = new CandleDb(`test-${dbs.length}-${Math.random()}`);
  dbs.push(db);
  return db;
}

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

describe('loadCandles', () => {
  it('fetches a cold range once and serves closed candles from IndexedDB afterwards', async () => {
    let now = at(100) + 30_000;
    const ex = exchange(() => now);
    const cache = { db: newDb(), fetchCandles: ex.fetchCandles, now: () => now };

    const first = await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    expect(first.fetchError).toBeNull();
    expect(first.candles).toHaveLength(101);
    expect(first.candles[0]?.openTime).toBe(at(0));
    expect(first.candles.at(-1)?.openTime).toBe(at(100));
    expect(ex.calls).toEqual([[at(0), at(100)]]);

    now = at(103) + 1;
    const second = await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    // Only the previously forming candle onwards is refetched.
    expect(ex.calls[1]).toEqual([at(100), at(103)]);
    expect(second.candles.map((c) => c.openTime)).toEqual(Array.from({ length: 104 }, (_, i) => at(i)));
  });

  it('fetches only the gap when an older page extends a cached range', async () => {
    const now = at(500);
    const ex = exchange(() => now);
    const cache = { db: newDb(), fetchCandles: ex.fetchCandles, now: () => now };
    await loadCandles(cache, 'ETHUSDT', '1m', at(200), at(300));
    await loadCandles(cache, 'ETHUSDT', '1m', at(400), at(450));
    const merged = await loadCandles(cache, 'ETHUSDT', '1m', at(150), at(450));
    expect(ex.calls.slice(2)).toEqual([
      [at(150), at(199)],
      [at(301), at(399)],
    ]);
    expect(merged.candles).toHaveLength(301);
    const times = merged.candles.map((c) => c.openTime);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('keeps symbols and intervals apart', async () => {
    const now = at(1_000);
    const ex = exchange(() => now);
    const cache = { db: newDb(), fetchCandles: ex.fetchCandles, now: () => now };
    await loadCandles(cache, 'BTCUSDT', '1m', at(0), at(9));
    const other = await loadCandles(cache, 'SOLUSDT', '1m', at(0), at(9));
    const otherInterval = await loadCandles(cache, 'BTCUSDT', '5m', at(0), at(9));
    expect(ex.calls).toHaveLength(3);
    expect(other.candles).toHaveLength(10);
    expect(otherInterval.candles.map((c) => c.openTime)).toEqual([at(0), at(5)]);
  });

  it('returns cached candles with the error when the network is gone', async () => {
    let now = at(60);
    const ex = exchange(() => now);
    const cache = { db: newDb(), fetchCandles: ex.fetchCandles, now: () => now };
    await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    ex.goOffline();
    now = at(70);
    const offline = await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    expect(offline.fetchError).toBeInstanceOf(RelayUnreachableError);
    expect(offline.candles).toHaveLength(61);

    const cold = await loadCandles(cache, 'XRPUSDT', '1m', at(0), now);
    expect(cold.candles).toEqual([]);
    expect(cold.fetchError?.message).toMatch(/relay unreachable/);
  });

  it('overwrites the cached forming candle with the refetched version', async () => {
    let now = at(10) + 5_000;
    const ex = exchange(() => now);
    const cache = { db: newDb(), fetchCandles: ex.fetchCandles, now: () => now };
    await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    ex.bumpCloses(0.5);
    now = at(10) + 50_000;
    const again = await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    expect(again.candles.at(-1)?.close).toBe(110.5);
    expect(again.candles.at(-2)?.close).toBe(109);
  });

  it('treats closed live candles as cached and refetches forming ones', async () => {
    const now = at(20) + 1;
    const ex = exchange(() => now);
    const db = newDb();
    const cache = { db, fetchCandles: ex.fetchCandles, now: () => now };
    await loadCandles(cache, 'BTCUSDT', '1m', at(0), at(18));
    const live = { openTime: at(19), open: 1, high: 2, low: 0.5, close: 1.5, volume: 3, turnover: 4 };
    await storeLiveCandle(db, 'BTCUSDT', '1m', live, true);
    await storeLiveCandle(db, 'BTCUSDT', '1m', { ...live, openTime: at(20) }, false);
    const result = await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    expect(ex.calls.at(-1)).toEqual([at(20), at(20)]);
    expect(result.candles.find((c) => c.openTime === at(19))?.close).toBe(1.5);
  });

  it('lets a live candle after a stream drop cover only itself, so the missed ones are fetched', async () => {
    let now = at(10) + 30_000;
    const ex = exchange(() => now);
    const db = newDb();
    const cache = { db, fetchCandles: ex.fetchCandles, now: () => now };
    await loadCandles(cache, 'BTCUSDT', '1m', at(0), now);
    // The stream was down over minutes 10-13; the first close it delivers again is minute 14.
    now = at(15) + 1;
    const live = { openTime: at(14), open: 1, high: 2, low: 0.5, close: 1.5, volume: 3, turnover: 4 };
    await storeLiveCandle(db, 'BTCUSDT', '1m', live, true);
    expect((await db.ranges.get(['BTCUSDT', '1m']))?.ranges).toEqual([
      { from: at(0), to: at(9) },
      { from: at(14), to: at(14) },
    ]);

    const healed = await loadCandles(cache, 'BTCUSDT', '1m', at(10), at(13));
    expect(ex.calls.at(-1)).toEqual([at(10), at(13)]);
    expect(healed.candles.map((c) => c.openTime)).toEqual([at(10), at(11), at(12), at(13)]);
    // The stale forming minute 10 written by the first load was replaced by its final version.
    expect(healed.candles[0]?.close).toBe(110);
    expect((await db.ranges.get(['BTCUSDT', '1m']))?.ranges).toEqual([{ from: at(0), to: at(14) }]);
  });

  it('refuses an off-grid live candle, which could otherwise bridge a hole in the coverage', async () => {
    const db = newDb();
    const offGrid = { openTime: at(3) + 30_000, open: 1, high: 1, low: 1, close: 1, volume: 1, turnover: 1 };
    await expect(storeLiveCandle(db, 'BTCUSDT', '1m', offGrid, true)).rejects.toThrow(/not on the 1m grid/);
    expect(await db.ranges.count()).toBe(0);
  });

  it('refuses to cache a candle that breaks the contract', async () => {
    const db = newDb();
    const bad = { openTime: 1.5, open: 1, high: 1, low: 1, close: 1, volume: 1, turnover: 1 };
    await expect(storeLiveCandle(db, 'BTCUSDT', '1m', bad, true)).rejects.toThrow();
    expect(await db.candles.count()).toBe(0);
  });
});
