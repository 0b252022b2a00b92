import { SpotHolding } from '../kernel/spot-holding.ts';
import { quoteValue, type CompiledRules } from '../strategy/order-rules.ts';

/**
 * The simulated exchange account of one backtest: quote cash, quote locked by a resting buy limit,
 * and the base held. Fees as Bybit spot charges them, in the asset received (sources in
 * shared/kernel/trade-book.ts). Quote cash is a float: it is never sent to the exchange.
 */
export class SpotAccount {
  cash: number;
  /** Quote locked by resting buy limits. */
  reservedQuote = 0;
  readonly holding = new SpotHolding();
  private readonly lotSize: number;

  constructor(initialQuote: number, private readonly rules: CompiledRules) {
    this.cash = initialQuote;
    this.lotSize = rules.lotSize;
  }

  equity(markPrice: number): number {
    return this.cash + this.reservedQuote + this.holding.heldLots * this.lotSize * markPrice;
  }

  /** Base below one lot that cannot be sold. */
  get dust(): number {
    return this.holding.dustLots * this.lotSize;
  }

  /** Locks quote for a resting buy like the exchange does, so it cannot fund a second order. */
  lock(quote: number): void {
    this.cash -= quote;
    this.reservedQuote += quote;
  }

  release(quote: number): void {
    this.reservedQuote -= quote;
    this.cash += quote;
  }

  /** Buys `lots` at `ticks`; `fromReserve` pays out of quote locked by a resting limit. */
  buy(lots: number, ticks: number, feeRate: number, fromReserve: number): void {
    const cost = quoteValue(lots, ticks, this.rules);
    if (fromReserve > 0) this.release(fromReserve);
    this.cash -= cost;
    this.holding.receive(lots, feeRate);
  }

  sell(lots: number, ticks: number, feeRate: number): void {
    const proceeds = quoteValue(lots, ticks, this.rules);
    this.cash += proceeds - proceeds * feeRate;
    this.holding.deliver(lots);
  }
}
