import type { Trade } from './schemas.ts';
import { formatQty, priceOf, type CompiledRules } from '../strategy/order-rules.ts';

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
  /** Sum of lots x ticks over the trade's buys (sells below): integers, so average prices come out on the grid. */
  private boughtLotTicks = 0;
  private soldLotTicks = 0;
  private soldLots = 0;
  private sellProceeds = 0;
  private sellFees = 0;
  private tradeFees = 0;

  private readonly lotSize: number;
  /** lot x tick as integer units over a power of ten, so a value is one correctly rounded division. */
  private readonly lotTickUnits: number;
  private readonly lotTickScale: number;

  constructor(initialQuote: number, private readonly rules: CompiledRules) {
    this.cash = initialQuote;
    this.lotSize = rules.lotSize;
    this.lotTickUnits = rules.lotTick.unitsValue;
    this.lotTickScale = rules.lotTick.scale;
  }

  /** Quote value of `lots` at `ticks`, the double nearest the exact decimal while lots x ticks x units stays below 2^53. */
  valueOf(lots: number, ticks: number): number {
    return (lots * ticks * this.lotTickUnits) / this.lotTickScale;
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

  /** Buys `lots` at `ticks`; `fromReserve` pays out of quote locked by a resting limit. */
  buy(time: number, lots: number, ticks: number, feeRate: number, fromReserve: number): void {
    const cost = this.valueOf(lots, ticks);
    if (fromReserve > 0) {
      this.reservedQuote -= fromReserve;
      this.cash += fromReserve;
    }
    this.cash -= cost;
    if (!this.inTrade) this.openTrade(time);
    this.heldLots += lots * (1 - feeRate);
    this.baseLots = wholeLots(this.heldLots);
    this.boughtLots += lots;
    this.boughtLotTicks += lots * ticks;
    this.buyCost += cost;
    this.chargeFee(cost * feeRate);
  }

  sell(time: number, lots: number, ticks: number, feeRate: number): void {
    const proceeds = this.valueOf(lots, ticks);
    const fee = proceeds * feeRate;
    this.cash += proceeds - fee;
    // The floor in baseLots tolerates binary noise, so the rest may dip a hair below zero.
    this.heldLots = Math.max(0, this.heldLots - lots);
    this.baseLots = wholeLots(this.heldLots);
    this.soldLots += lots;
    this.soldLotTicks += lots * ticks;
    this.sellProceeds += proceeds;
    this.sellFees += fee;
    this.chargeFee(fee);
    if (this.baseLots === 0) {
      this.inTrade = false;
      this.trades.push(this.closedTrade(time));
    }
  }


  /** The still-open trade with its whole holding (dust included) marked at `markPrice`, or null. */
  openTradeMarked(markPrice: number): Trade | null {
    if (!this.inTrade) return null;
    const pnl = this.sellProceeds - this.sellFees + this.heldLots * this.lotSize * markPrice - this.buyCost;
    return {
      entryTime: this.entryTime,
      exitTime: null,
      entryPrice: this.averagePrice(this.boughtLotTicks, this.boughtLots),
      exitPrice: null,
      qty: formatQty(this.boughtLots, this.rules),
      fees: this.tradeFees,
      pnl,
      returnPct: pnl / this.buyCost,
    };
  }

  /** Lot-weighted average fill price on the tick grid: exact for one fill, the nearest tick for several. */
  private averagePrice(lotTicks: number, lots: number): number {
    return priceOf(Math.round(lotTicks / lots), this.rules);
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
    this.boughtLotTicks = 0;
    this.soldLotTicks = 0;
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
      entryPrice: this.averagePrice(this.boughtLotTicks, this.boughtLots),
      exitPrice: this.averagePrice(this.soldLotTicks, this.soldLots),
      qty: formatQty(this.boughtLots, this.rules),
      fees: this.tradeFees,
      pnl,
      returnPct: pnl / this.buyCost,
    };
  }
}

/**
 * Whole lots in a fractional holding. The holding is a float approximation of the base received
 * (lots x (1 - fee), minus lots sold), so a few ulps of binary noise are absorbed; the guard is
 * relative to the holding and stays far below one lot for any count a double can tell apart.
 */
function wholeLots(heldLots: number): number {
  return Math.floor(heldLots + heldLots * 8 * Number.EPSILON);
}
