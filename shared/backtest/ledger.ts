import type { Trade } from './schemas.ts';
import { floorSteps, formatSteps, type ScaledStep } from '../strategy/decimal-step.ts';

/**
 * Spot account of one backtest run, charging fees as Bybit spot does: in the asset received.
 * A buy pays its fee in base (it receives qty x (1 - feeRate)), a sell in quote (it receives
 * proceeds x (1 - feeRate)). Sources: Bybit help center "Spot Trading: Fees Explained" (article
 * 000001175: "the trading fee unit charged is based on the purchased cryptocurrency"; buying 0.5 BTC
 * at 0.1% receives 0.4995 BTC), and real fills: execution.spot.linlichieh.json (Buy execQty
 * 0.000306 BTC, execFee 0.000000306 = qty x 0.001, in BTC) and ccxt fetchMyTrades.spot.json
 * (Buy ETHUSDT, feeCurrency "ETH").
 *
 * So the holding is not on the lot grid: it is kept as a fractional count of basePrecision lots.
 * Only whole lots can be sold (`baseLots`); the remainder is dust that stays in the account, counts
 * in equity at the mark price and is sold once later buys top it up to a whole lot, as on the
 * exchange. Quote cash is a float: it is never sent to the exchange. Fee amounts (`feesPaid`,
 * `Trade.fees`) are in quote; a base fee is converted at its fill price.
 */
export class Ledger {
  cash: number;
  /** Quote locked by resting buy limits. */
  reservedQuote = 0;
  /** Base held, in lots; fractional because buy fees are taken from the base received. */
  heldLots = 0;
  /** Whole lots that can be sold; 0 means flat (at most dust below one lot is left). */
  baseLots = 0;
  feesPaid = 0;
  readonly trades: Trade[] = [];

  private inTrade = false;
  private entryTime = 0;
  private boughtLots = 0;
  private buyCost = 0;
  private soldLots = 0;
  private sellProceeds = 0;
  private sellFees = 0;
  private tradeFees = 0;

  constructor(initialQuote: number, private readonly lot: ScaledStep, private readonly lotSize: number) {
    this.cash = initialQuote;
  }

  /** Sellable base, what a strategy sees as its position. */
  get base(): number {
    return this.baseLots * this.lotSize;
  }

  /** Base below one lot that cannot be sold (the whole holding while it is under one lot). */
  get dust(): number {
    return Math.max(0, this.heldLots - this.baseLots) * this.lotSize;
  }

  /** Average buy price of the open position, NaN when flat. */
  get entryPrice(): number {
    return this.baseLots > 0 ? this.buyCost / (this.boughtLots * this.lotSize) : NaN;
  }

  equity(markPrice: number): number {
    return this.cash + this.reservedQuote + this.heldLots * this.lotSize * markPrice;
  }

  /** Buys `lots` at `price`; `fromReserve` pays out of quote locked by a resting limit. */
  buy(time: number, lots: number, price: number, feeRate: number, fromReserve: number): void {
    const cost = lots * this.lotSize * price;
    if (fromReserve > 0) {
      this.reservedQuote -= fromReserve;
      this.cash += fromReserve;
    }
    this.cash -= cost;
    if (!this.inTrade) this.openTrade(time);
    this.heldLots += lots * (1 - feeRate);
    this.baseLots = floorSteps(this.heldLots, 1);
    this.boughtLots += lots;
    this.buyCost += cost;
    this.chargeFee(cost * feeRate);
  }

  sell(time: number, lots: number, price: number, feeRate: number): void {
    const proceeds = lots * this.lotSize * price;
    const fee = proceeds * feeRate;
    this.cash += proceeds - fee;
    // The floor in baseLots tolerates binary noise, so the rest may dip a hair below zero.
    this.heldLots = Math.max(0, this.heldLots - lots);
    this.baseLots = floorSteps(this.heldLots, 1);
    this.soldLots += lots;
    this.sellProceeds += proceeds;
    this.sellFees += fee;
    this.chargeFee(fee);
    if (this.baseLots === 0) {
      this.inTrade = false;
      this.trades.push(this.closedTrade(time));
    }
  }

  /** Exact decimal string for a lot count. */
  qtyString(lots: number): string {
    return formatSteps(lots, this.lot);
  }

  /** The still-open trade with its whole holding (dust included) marked at `markPrice`, or null. */
  openTradeMarked(markPrice: number): Trade | null {
    if (!this.inTrade) return null;
    const pnl = this.sellProceeds - this.sellFees + this.heldLots * this.lotSize * markPrice - this.buyCost;
    return {
      entryTime: this.entryTime,
      exitTime: null,
      entryPrice: this.buyCost / (this.boughtLots * this.lotSize),
      exitPrice: null,
      qty: this.qtyString(this.boughtLots),
      fees: this.tradeFees,
      pnl,
      returnPct: pnl / this.buyCost,
    };
  }

  private chargeFee(quoteFee: number): void {
    this.feesPaid += quoteFee;
    this.tradeFees += quoteFee;
  }

  private openTrade(time: number): void {
    this.inTrade = true;
    this.entryTime = time;
    this.boughtLots = 0;
    this.buyCost = 0;
    this.soldLots = 0;
    this.sellProceeds = 0;
    this.sellFees = 0;
    this.tradeFees = 0;
  }

  /**
   * Realised pnl is the quote the trade got back minus the quote it spent: the buy fee is already
   * in it as base never received. Dust left behind is in no trade's pnl until a later trade sells it.
   */
  private closedTrade(exitTime: number): Trade {
    const pnl = this.sellProceeds - this.sellFees - this.buyCost;
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
