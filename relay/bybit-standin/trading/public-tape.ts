import type { Fixed } from '../../../shared/matching/fixed-decimal.ts';
import type { Side } from '../../../shared/matching/spot-order.ts';

/** Bybit's tick direction of a trade against the one before it (publicTrade `L`). */
export type TickDirection = 'PlusTick' | 'ZeroPlusTick' | 'MinusTick' | 'ZeroMinusTick';

export interface PublicTrade {
  execId: string;
  price: Fixed;
  qty: Fixed;
  /** The taker's side. */
  side: Side;
  time: number;
  tick: TickDirection;
  /** Per symbol, from 1, without gaps: subscribers resume after the last one they saw. */
  seq: number;
}

/** Bybit spot's recent-trade answers at most 60 rows; the tape keeps more for catching-up pushes. */
const KEPT = 1000;

/** One symbol's public trades, oldest first, bounded. */
export class PublicTape {
  private readonly trades: PublicTrade[] = [];
  private last: PublicTrade | null = null;
  private seq = 0;

  get lastSeq(): number {
    return this.seq;
  }

  /** `side` undefined: the walk's own trade, whose taker bought on an uptick and sold on a downtick. */
  record(trade: { execId: string; price: Fixed; qty: Fixed; time: number; side?: Side }): void {
    const previous = this.last;
    let tick: TickDirection;
    if (previous === null) tick = 'ZeroPlusTick';
    else if (trade.price > previous.price) tick = 'PlusTick';
    else if (trade.price < previous.price) tick = 'MinusTick';
    // Unchanged price: the last move's direction carries on.
    else tick = previous.tick.endsWith('PlusTick') ? 'ZeroPlusTick' : 'ZeroMinusTick';
    const side = trade.side ?? (tick.endsWith('PlusTick') ? 'Buy' : 'Sell');
    const recorded: PublicTrade = { ...trade, side, tick, seq: ++this.seq };
    this.trades.push(recorded);
    if (this.trades.length > KEPT) this.trades.splice(0, this.trades.length - KEPT);
    this.last = recorded;
  }

  /** Trades after `seq`, oldest first. */
  since(seq: number): PublicTrade[] {
    const index = this.trades.findIndex((t) => t.seq > seq);
    return index === -1 ? [] : this.trades.slice(index);
  }

  /** The newest `limit` trades, newest first (REST recent-trade order). */
  recent(limit: number): PublicTrade[] {
    return this.trades.slice(-limit).reverse();
  }
}
