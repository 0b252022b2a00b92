import { describe, expect, it } from 'vitest';
import { shareRecentBookTops } from './book-top-reads.ts';
import type { BookTop } from './paper-venue.ts';

describe('shareRecentBookTops', () => {
  function counting(tops: (BookTop | Error)[]) {
    const reads: string[] = [];
    const read = (symbol: string): Promise<BookTop> => {
      reads.push(symbol);
      const next = tops.shift() ?? new Error('no more tops');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    };
    return { reads, read };
  }

  it('answers calls within the reuse window from one read, per symbol, and reads afresh after it', async () => {
    let now = 1_000;
    const { reads, read } = counting([
      { bid: '1', ask: '2' },
      { bid: '10', ask: '11' },
      { bid: '3', ask: '4' },
    ]);
    const bookTop = shareRecentBookTops(read, 100, () => now);
    expect(await bookTop('BTCUSDT')).toEqual({ bid: '1', ask: '2' });
    now += 99;
    expect(await bookTop('BTCUSDT')).toEqual({ bid: '1', ask: '2' });
    expect(await bookTop('ETHUSDT')).toEqual({ bid: '10', ask: '11' });
    now += 1;
    expect(await bookTop('BTCUSDT')).toEqual({ bid: '3', ask: '4' });
    expect(reads).toEqual(['BTCUSDT', 'ETHUSDT', 'BTCUSDT']);
  });

  it('never reuses a failed read: the next call reads again', async () => {
    const { reads, read } = counting([new Error('stand-in down'), { bid: '1', ask: '2' }]);
    const bookTop = shareRecentBookTops(read, 100, () => 0);
    await expect(bookTop('BTCUSDT')).rejects.toThrow('stand-in down');
    expect(await bookTop('BTCUSDT')).toEqual({ bid: '1', ask: '2' });
    expect(reads).toEqual(['BTCUSDT', 'BTCUSDT']);
  });
});
