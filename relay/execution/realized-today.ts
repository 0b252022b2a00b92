import { PositionBooks, type FillRecord, type VenueName } from '../../shared/execution/index.ts';
import type { Fixed } from '../../shared/matching/fixed-decimal.ts';
import type { OrderStore } from './order-store.ts';

/** Time order, stable, so fills of one instant keep their stored order. */
function byTime(fills: readonly FillRecord[]): FillRecord[] {
  return [...fills].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function utcDayStart(now: Date): number {
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
}

/**
 * Today's (UTC) realized PnL of a venue, kept incrementally for the daily loss limit: each check
 * folds only the fills stored since the last one into average-cost books it keeps, instead of
 * re-reading and re-validating the whole fill history on every order. The result equals
 * positionsFromFills over every fill; the books are rebuilt from scratch at a new UTC day, or when
 * a fill arrives dated before one already folded (average cost depends on fill order).
 */
export class RealizedToday {
  private books: PositionBooks | null = null;
  private cursor = 0;
  private lastAt = '';
  private readonly bases = new Map<string, string>();
  // Checks run one at a time, so concurrent orders never fold the same fill twice.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: OrderStore,
    private readonly venue: VenueName,
    private readonly baseOf: (symbol: string) => Promise<string>,
  ) {}

  measure(now: Date): Promise<Fixed> {
    const next = this.queue.then(() => this.advance(utcDayStart(now)));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async advance(dayStart: number): Promise<Fixed> {
    if (this.books?.windowStart !== dayStart) this.reset(dayStart);
    let batch = this.store.venueFillsAfter(this.venue, this.cursor);
    // Stored order is by rowid; the fold's order is by time, then rowid (as venueFills reads).
    let fills = byTime(batch.fills);
    if (fills.length > 0 && fills[0]!.at < this.lastAt) {
      this.reset(dayStart);
      batch = this.store.venueFillsAfter(this.venue, 0);
      fills = byTime(batch.fills);
    }
    for (const symbol of new Set(fills.map((f) => f.symbol))) {
      if (!this.bases.has(symbol)) this.bases.set(symbol, await this.baseOf(symbol));
    }
    for (const fill of fills) this.books!.apply(fill, (symbol) => this.bases.get(symbol) ?? '');
    this.cursor = batch.cursor;
    this.lastAt = fills.at(-1)?.at ?? this.lastAt;
    return this.books!.result(new Map()).realizedSince;
  }

  private reset(dayStart: number): void {
    this.books = new PositionBooks(dayStart);
    this.cursor = 0;
    this.lastAt = '';
  }
}
