import { describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import { fetchCandlesPaged, pageWindows, type FetchCandlePage } from './candle-paging.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 0, 1);

function candleAt(openTime: number): Candle {
  return { openTime, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, turnover: 15 };
}

/** Answers like Bybit's kline endpoint: the newest `limit` bars inside [start, end]. */
function exchangeWithHistory(firstOpen: number, lastOpen: number, calls: Array<[number, number, number]>): FetchCandlePage {
  return async (start, end, limit) => {
    calls.push([start, end, limit]);
    const rows: Candle[] = [];
    const newest = Math.floor(Math.min(end, lastOpen) / MINUTE) * MINUTE;
    for (let t = newest; t >= Math.max(start, firstOpen) && rows.length < limit; t -= MINUTE) rows.push(candleAt(t));
    return rows;
  };
}

describe('pageWindows', () => {
  it('cuts 2500 one-minute candles into windows of at most 1000 open times', () => {
    const windows = pageWindows({ from: T0, to: T0 + 2499 * MINUTE, intervalMs: MINUTE, pageLimit: 1000 });
    expect(windows).toEqual([
      [T0, T0 + 999 * MINUTE],
      [T0 + 1000 * MINUTE, T0 + 1999 * MINUTE],
      [T0 + 2000 * MINUTE, T0 + 2499 * MINUTE],
    ]);
  });

  it('asks for nothing when the range is empty', () => {
    expect(pageWindows({ from: T0 + MINUTE, to: T0, intervalMs: MINUTE, pageLimit: 1000 })).toEqual([]);
  });

  it('refuses a zero page limit instead of looping forever', () => {
    expect(() => pageWindows({ from: T0, to: T0 + MINUTE, intervalMs: MINUTE, pageLimit: 0 })).toThrow('positive');
  });
});

describe('fetchCandlesPaged', () => {
  it('returns 2500 ascending candles without gaps or duplicates in three requests', async () => {
    const calls: Array<[number, number, number]> = [];
    const candles = await fetchCandlesPaged(
      { from: T0, to: T0 + 2499 * MINUTE, intervalMs: MINUTE, pageLimit: 1000 },
      exchangeWithHistory(T0 - 5000 * MINUTE, T0 + 9000 * MINUTE, calls),
    );
    expect(calls).toHaveLength(3);
    expect(candles).toHaveLength(2500);
    candles.forEach((candle, i) => expect(candle.openTime).toBe(T0 + i * MINUTE));
  });

  it('stops at the first listed candle when the range starts before the market existed', async () => {
    const candles = await fetchCandlesPaged(
      { from: T0, to: T0 + 1499 * MINUTE, intervalMs: MINUTE, pageLimit: 1000 },
      exchangeWithHistory(T0 + 1200 * MINUTE, T0 + 9000 * MINUTE, []),
    );
    expect(candles.map((c) => c.openTime)).toEqual(Array.from({ length: 300 }, (_, i) => T0 + (1200 + i) * MINUTE));
  });

  it('drops duplicates and rows outside the range that a page returns', async () => {
    const page: FetchCandlePage = async () => [candleAt(T0 + MINUTE), candleAt(T0), candleAt(T0 + MINUTE), candleAt(T0 - MINUTE)];
    const candles = await fetchCandlesPaged({ from: T0, to: T0 + MINUTE, intervalMs: MINUTE, pageLimit: 1000 }, page);
    expect(candles.map((c) => c.openTime)).toEqual([T0, T0 + MINUTE]);
  });

  it('passes a page failure through to the caller', async () => {
    const failing: FetchCandlePage = async () => {
      throw new Error('upstream down');
    };
    await expect(
      fetchCandlesPaged({ from: T0, to: T0 + MINUTE, intervalMs: MINUTE, pageLimit: 1000 }, failing),
    ).rejects.toThrow('upstream down');
  });
});
