import type { BookSides } from './paper-venue.ts';

/** Levels a side a paper market order can walk: Bybit's REST book serves up to 200 for spot. */
export const PAPER_BOOK_DEPTH = 50;

/**
 * How long one REST read of the book answers for every order of its symbol. An order's safeguard
 * price and its paper fill then come from one read instead of two, and a burst of orders shares a
 * read in flight (each meets the whole book read, not what the one before it took of it).
 */
export const BOOK_REUSE_MS = 100;

/** `read` shared by the calls for one symbol that start within `reuseMs` of it; a failed read is never reused. */
export function shareRecentBooks(read: (symbol: string) => Promise<BookSides>, reuseMs = BOOK_REUSE_MS, clock: () => number = Date.now): (symbol: string) => Promise<BookSides> {
  const recent = new Map<string, { at: number; book: Promise<BookSides> }>();
  return (symbol) => {
    const now = clock();
    const known = recent.get(symbol);
    if (known !== undefined && now - known.at < reuseMs) return known.book;
    const book = read(symbol);
    const entry = { at: now, book };
    recent.set(symbol, entry);
    book.catch(() => {
      if (recent.get(symbol) === entry) recent.delete(symbol);
    });
    return book;
  };
}

/**
 * The best price a market order of `side` would meet in `book` (ask for a buy, bid for a sell); 0 when
 * that side lists no level, which the order checks refuse as `no_price` before anything is written.
 */
export function bookPrice(book: BookSides, side: 'buy' | 'sell'): number {
  const best = side === 'buy' ? book.asks[0] : book.bids[0];
  return best === undefined ? 0 : Number(best.price);
}
