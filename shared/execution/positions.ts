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
 * Pure: spot books by average cost, folded one fill at a time (oldest first), so a caller can keep
 * them and add only the fills that arrived since. A buy adds its quote value to the cost and its
 * base net of a base fee to the holding; a sell realizes proceeds net of a quote fee minus the
 * average cost of what it sold. `baseOf` names the base asset, to tell where a fee went.
 */
export class PositionBooks {
  private readonly books = new Map<string, Book>();

  constructor(private readonly since: number) {}

  /** The start of the realized-since window these books count from. */
  get windowStart(): number {
    return this.since;
  }

  apply(fill: FillRecord, baseOf: (symbol: string) => string): void {
    const book = this.books.get(fill.symbol) ?? { held: 0n, cost: 0n, realized: 0n, realizedSince: 0n };
    this.books.set(fill.symbol, book);
    const qty = fixed(fill.qty);
    const value = mul(fixed(fill.price), qty);
    const feeInBase = fill.feeAsset === baseOf(fill.symbol);
    const fee = fixed(fill.fee);
    if (fill.side === 'buy') {
      book.held += feeInBase ? qty - fee : qty;
      book.cost += feeInBase ? value : value + fee;
      return;
    }
    const sold = qty > book.held ? book.held : qty;
    const costOfSold = book.held === 0n ? 0n : mul(book.cost, div(sold, book.held));
    const pnl = value - (feeInBase ? mul(fee, fixed(fill.price)) : fee) - costOfSold;
    book.held -= sold;
    book.cost = book.held === 0n ? 0n : book.cost - costOfSold;
    book.realized += pnl;
    if (Date.parse(fill.at) >= this.since) book.realizedSince += pnl;
  }

  result(lastPrices: ReadonlyMap<string, string>): PositionsResult {
    let realizedSince = 0n;
    const positions = [...this.books.entries()].map(([symbol, book]): Position => {
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
}

/** Pure: spot positions by average cost from every fill, oldest first (see PositionBooks). */
export function positionsFromFills(
  fills: readonly FillRecord[],
  baseOf: (symbol: string) => string,
  lastPrices: ReadonlyMap<string, string>,
  since: number,
): PositionsResult {
  const books = new PositionBooks(since);
  for (const fill of fills) books.apply(fill, baseOf);
  return books.result(lastPrices);
}
