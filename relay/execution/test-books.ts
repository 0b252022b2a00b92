import type { BookSides } from './paper-venue.ts';

/** One level a side, by default deep enough for any test order to fill whole at it. */
export function bookAt(bid: string, ask: string, size = '1000000'): BookSides {
  return { bids: [{ price: bid, size }], asks: [{ price: ask, size }] };
}
