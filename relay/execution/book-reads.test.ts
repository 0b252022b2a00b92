import { describe, expect, it } from 'vitest';
import { bookPrice, shareRecentBooks } from './book-reads.ts';
import type { BookSides } from './paper-venue.ts';

const at = (bid: string, ask: string): BookSides => ({ bids: [{ price: bid, size: '1' }], asks: [{ price: ask, size: '1' }] });

describe('shareRecentBooks', () => {
  function counting(tops: (BookSides | Error)[]) {
    const reads: string[] = [];
    const read = (symbol: string): Promise<BookSides> => {
      reads.push(symbol);
      const next = tops.shift() ?? new Error('no more tops');
      return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
    };
    return { reads, read };
  }

  it('answers calls within the reuse window from one read, per symbol, and reads afresh after it', async () => {
    let now = 1_000;
    const { reads, read } = counting([
      at('1', '2'),
      at('10', '11'),
      at('3', '4'),
    ]);
    const bookTop = shareRecentBooks(read, 100, () => now);
    expect(await bookTop('BTCUSDT')).toEqual(at('1', '2'));
    now += 99;
    expect(await bookTop('BTCUSDT')).toEqual(at('1', '2'));
    expect(await bookTop('ETHUSDT')).toEqual(at('10', '11'));
    now += 1;
    expect(await bookTop('BTCUSDT')).toEqual(at('3', '4'));
    expect(reads).toEqual(['BTCUSDT', 'ETHUSDT', 'BTCUSDT']);
  });

  it('never reuses a failed read: the next call reads again', async () => {
    const { reads, read } = counting([new Error('stand-in down'), at('1', '2')]);
    const bookTop = shareRecentBooks(read, 100, () => 0);
    await expect(bookTop('BTCUSDT')).rejects.toThrow('stand-in down');
    expect(await bookTop('BTCUSDT')).toEqual(at('1', '2'));
    expect(reads).toEqual(['BTCUSDT', 'BTCUSDT']);
  });
});

describe('bookPrice', () => {
  it('is the ask for a buy and the bid for a sell, and 0 for a side with no level', () => {
    expect([bookPrice(at('99.9', '100.1'), 'buy'), bookPrice(at('99.9', '100.1'), 'sell')]).toEqual([100.1, 99.9]);
    const asksOnly: BookSides = { bids: [], asks: [{ price: '100.1', size: '1' }] };
    expect([bookPrice(asksOnly, 'buy'), bookPrice(asksOnly, 'sell')]).toEqual([100.1, 0]);
  });
});
