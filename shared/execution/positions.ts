import { div, fixed, fixedText, mul, type Fixed } from '../matching/fixed-decimal.ts';
import type { FillRecord, Position } from './schemas.ts';

interface Book {
  held: Fixed;
  /** Quote paid for what is held, fees included. */
  cost: Fixed;
  realized: Fixed;
  realizedSince: Fixed;
}

export interface PositionsResult {
  positions: Position[];
  /** Realized PnL of sells at or after `since`, summed over symbols (the daily loss limit's measure). */
  realizedSince: Fixed;
}

/**
 * Pure: spot positions by average cost from fills, oldest first. A buy adds its quote value to the
 * cost and its base net of a base fee to the holding; a sell realizes proceeds net of a quote fee
 * minus the average cost of what it sold. `baseOf` names the base asset, to tell where a fee went.
 */
export function positionsFromFills(
  fills: readonly FillRecord[],
  baseOf: (symbol: string) => string,
  lastPrices: ReadonlyMap<string, string>,
  since: number,
): PositionsResult {
  const books = new Map<string, Book>();
  for (const fill of fills) {
    const book = books.get(fill.symbol) ?? { held: 0n, cost: 0n, realized: 0n, realizedSince: 0n };
    books.set(fill.symbol, book);
    const qty = fixed(fill.qty);
    const value = mul(fixed(fill.price), qty);
    const feeInBase = fill.feeAsset === baseOf(fill.symbol);
    const fee = fixed(fill.fee);
    if (fill.side === 'buy') {
      book.held += feeInBase ? qty - fee : qty;
      book.cost += feeInBase ? value : value + fee;
      continue;
    }
    const sold = qty > book.held ? book.held : qty;
    const costOfSold = book.held === 0n ? 0n : mul(book.cost, div(sold, book.held));
    const pnl = value - (feeInBase ? mul(fee, fixed(fill.price)) : fee) - costOfSold;
    book.held -= sold;
    book.cost = book.held === 0n ? 0n : book.cost - costOfSold;
    book.realized += pnl;
    if (Date.parse(fill.at) >= since) book.realizedSince += pnl;
  }
  let realizedSince = 0n;
  const positions = [...books.entries()].map(([symbol, book]): Position => {
    realizedSince += book.realizedSince;
    const last = lastPrices.get(symbol);
    return {
      symbol,
      qty: fixedText(book.held),
      avgCost: book.held === 0n ? null : fixedText(div(book.cost, book.held)),
      realizedPnl: fixedText(book.realized),
      unrealizedPnl: last === undefined ? null : fixedText(mul(book.held, fixed(last)) - book.cost),
      lastPrice: last ?? null,
    };
  });
  return { positions, realizedSince };
}
