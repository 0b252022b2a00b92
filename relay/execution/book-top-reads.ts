import type { BookTop } from './paper-venue.ts';

/**
 * How long one REST read of the book top answers for every order of its symbol. An order's
 * safeguard price and its paper fill then come from one read instead of two, and a burst of
 * orders shares a read in flight; 100 ms is within the refresh of Bybit's REST ticker itself.
 */
export const BOOK_TOP_REUSE_MS = 100;

/** `read` shared by the calls for one symbol that start within `reuseMs` of it; a failed read is never reused. */
export function shareRecentBookTops(read: (symbol: string) => Promise<BookTop>, reuseMs = BOOK_TOP_REUSE_MS, clock: () => number = Date.now): (symbol: string) => Promise<BookTop> {
  const recent = new Map<string, { at: number; top: Promise<BookTop> }>();
  return (symbol) => {
    const now = clock();
    const known = recent.get(symbol);
    if (known !== undefined && now - known.at < reuseMs) return known.top;
    const top = read(symbol);
    const entry = { at: now, top };
    recent.set(symbol, entry);
    top.catch(() => {
      if (recent.get(symbol) === entry) recent.delete(symbol);
    });
    return top;
  };
}
