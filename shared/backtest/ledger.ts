import type { Trade } from './schemas.ts';
import { formatSteps, type ScaledStep } from '../strategy/decimal-step.ts';

/**
 * Spot account of one backtest run. The base position is kept as an integer count of
 * basePrecision lots, so it never drifts off the exchange grid however many fills happen and a
 * "sell everything" quantity is exact. Quote cash is a float: it is never sent to the exchange.
 * Fees are charged in quote on both sides.
 */
export class Ledger {
  cash: number;
  /** Quote locked by resting buy limits. */
  reservedQuote = 0;
  baseLots = 0;
  feesPaid = 0;
  readonly trades: Trade[] = [];

  private entryTime = 0;
  private boughtLots = 0;
  private buyCost = 0;
  private soldLots = 0;
  private sellProceeds = 0;
  private tradeFees = 0;

  constructor(initialQuote: number, private readonly lot: ScaledStep, private readonly lotSize: number) {
    this.cash = initialQuote;
  }

  get base(): number {
    return this.baseLots * this.lotSize;
  }

  /** Average buy price of the open position, NaN when flat. */
  get entryPrice(): number {
    return this.baseLots > 0 ? this.buyCost / (this.boughtLots * this.lotSize) : NaN;
  }

  equity(markPrice: number): number {
    return this.cash + this.reservedQuote + this.baseLots * this.lotSize * markPrice;
  }

  /** Buys `lots` at `price`; `fromReserve` pays out of quote locked by a resting limit. */
  buy(time: number, lots: number, price: number, feeRate: number, fromReserve: number): void {
    const cost = lots * this.lotSize * price;
    const fee = cost * feeRate;
    if (fromReserve > 0) {
      this.reservedQuote -= fromReserve;
      this.cash += fromReserve;
    }
    this.cash -= cost + fee;
    if (this.baseLots === 0) this.openTrade(time);
    this.baseLots += lots;
    this.boughtLots += lots;
    this.buyCost += cost;
    this.chargeFee(fee);
  }

  sell(time: number, lots: number, price: number, feeRate: number): void {
    const proceeds = lots * this.lotSize * price;
    const fee = proceeds * feeRate;
    this.cash += proceeds - fee;
    this.baseLots -= lots;
    this.soldLots += lots;
    this.sellProceeds += proceeds;
    this.chargeFee(fee);
    if (this.baseLots === 0) this.trades.push(this.closedTrade(time));
  }

  /** Exact decimal string for a lot count. */
  qtyString(lots: number): string {
    return formatSteps(lots, this.lot);
  }

  /** The still-open trade marked at `markPrice`, or null when flat. */
  openTradeMarked(markPrice: number): Trade | null {
    if (this.baseLots === 0) return null;
    const marked = this.sellProceeds + this.baseLots * this.lotSize * markPrice;
    const pnl = marked - this.buyCost - this.tradeFees;
    return {
      entryTime: this.entryTime,
      exitTime: null,
      entryPrice: this.entryPrice,
      exitPrice: null,
      qty: this.qtyString(this.boughtLots),
      fees: this.tradeFees,
      pnl,
      returnPct: pnl / this.buyCost,
    };
  }

  private chargeFee(fee: number): void {
    this.feesPaid += fee;
    this.tradeFees += fee;
  }

  private openTrade(time: number): void {
    this.entryTime = time;
    this.boughtLots = 0;
    this.buyCost = 0;
    this.soldLots = 0;
    this.sellProceeds = 0;
    this.tradeFees = 0;
  }

  private closedTrade(exitTime: number): Trade {
    const pnl = this.sellProceeds - this.buyCost - this.tradeFees;
    return {
      entryTime: this.entryTime,
      exitTime,
      entryPrice: this.buyCost / (this.boughtLots * this.lotSize),
      exitPrice: this.sellProceeds / (this.soldLots * this.lotSize),
      qty: this.qtyString(this.boughtLots),
      fees: this.tradeFees,
      pnl,
      returnPct: pnl / this.buyCost,
    };
  }
}
