import type { Fill, Trade } from './schemas.ts';
import { SpotHolding } from './spot-holding.ts';
import { formatQty, priceOf, quoteValue, type CompiledRules } from '../strategy/order-rules.ts';

/**
 * The runner's record of one strategy run, built only from the fills the venue reports, so a
 * backtest and a live run that get the same fills book the same trades. Fees as Bybit spot
 * charges them, in the asset received: a buy pays its fee in base (it receives qty x (1 - feeRate)),
 * a sell in quote (it receives proceeds x (1 - feeRate)). Sources: Bybit help center "Spot
 * Trading: Fees Explained" (article 000001175: "the trading fee unit charged is based on the
 * purchased cryptocurrency"; buying 0.5 BTC at 0.1% receives 0.4995 BTC), and real fills:
 * execution.spot.linlichieh.json (Buy execQty 0.000306 BTC, execFee 0.000000306 = qty x 0.001, in
 * BTC) and ccxt fetchMyTrades.spot.json (Buy ETHUSDT, feeCurrency "ETH"). Fee amounts
 * (`feesPaid`, `Trade.fees`) are in quote; a base fee is valued at its fill price.
 *
 * A trade is a round trip flat -> long -> flat; dust below one lot left after the last sell is in
 * no trade's pnl until a later trade sells it.
 */
export class TradeBook {
  readonly trades: Trade[] = [];
  readonly holding = new SpotHolding();
  feesPaid = 0;

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

  constructor(private readonly rules: CompiledRules) {
    this.lotSize = rules.lotSize;
  }

  apply(fill: Fill): void {
    if (fill.side === 'buy') this.bought(fill.time, fill.lots, fill.ticks, fill.feeRate);
    else this.sold(fill.time, fill.lots, fill.ticks, fill.feeRate);
  }

  /** Sellable base, what a strategy sees as its position. */
  get base(): number {
    return this.holding.baseLots * this.lotSize;
  }

  /** Average buy price of the open position, NaN when flat. */
  get entryPrice(): number {
    return this.holding.baseLots > 0 ? this.buyCost / (this.boughtLots * this.lotSize) : NaN;
  }

  /** The still-open trade with its whole holding (dust included) marked at `markPrice`, or null. */
  openTradeMarked(markPrice: number): Trade | null {
    if (!this.inTrade) return null;
    const pnl = this.sellProceeds - this.sellFees + this.holding.heldLots * this.lotSize * markPrice - this.buyCost;
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

  private bought(time: number, lots: number, ticks: number, feeRate: number): void {
    const cost = quoteValue(lots, ticks, this.rules);
    if (!this.inTrade) this.openTrade(time);
    this.holding.receive(lots, feeRate);
    this.boughtLots += lots;
    this.boughtLotTicks += lots * ticks;
    this.buyCost += cost;
    this.chargeFee(cost * feeRate);
  }

  private sold(time: number, lots: number, ticks: number, feeRate: number): void {
    const proceeds = quoteValue(lots, ticks, this.rules);
    const fee = proceeds * feeRate;
    this.holding.deliver(lots);
    this.soldLots += lots;
    this.soldLotTicks += lots * ticks;
    this.sellProceeds += proceeds;
    this.sellFees += fee;
    this.chargeFee(fee);
    if (this.holding.baseLots === 0) {
      this.inTrade = false;
      this.trades.push(this.closedTrade(time));
    }
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
   * in it as base never received.
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
