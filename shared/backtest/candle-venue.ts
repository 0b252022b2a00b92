import type { CancelRequest, Liquidity, MarketOrder, OrderLinkId, VenueEvent, VenueOrder } from '../kernel/schemas.ts';
import type { Venue, VenueFunds } from '../kernel/venue.ts';
import type { Side } from '../strategy/intents.ts';
import { fillPriceTicks, priceOf, quoteValue, sizeOrder, type CompiledRules, type FundsView } from '../strategy/order-rules.ts';
import type { BacktestConfig } from './schemas.ts';
import { SpotAccount } from './spot-account.ts';

interface RestingOrder {
  key: OrderLinkId;
  ticks: number;
  /** `ticks` as the double nearest its decimal, what candle highs and lows are compared with. */
  price: number;
  lots: number;
  /** Quote locked for a buy limit. */
  reserved: number;
  expiresAfter: number;
  /** Submitted since the last candle: it meets the next open first, as a new order meets the book. */
  fresh: boolean;
}

/**
 * The backtest's venue: today's candle fill model over a simulated spot account, synchronous so a
 * million candles stay fast. `match` runs candle i against what is resting (market orders at its
 * open, then the stop, then limits), before the runner sees candle i closed; orders submitted then
 * can only fill from candle i+1. So no decision can use a price it could not have seen.
 * - Market: open +/- slippage, rounded to the tick against the trader, taker fee, sized here at
 *   that price through `sizeOrder` against the funds of that moment.
 * - Limit: a buy locks its quote and a sell its base, as the exchange does (a market sell sells
 *   only base no sell limit holds). A new limit already through the next open takes the book
 *   there as taker (open +/- slippage, never past its price); otherwise it rests and fills at its
 *   price only when a candle trades through it (low < buy, high > sell), maker fee; `ttlBars`
 *   cancels it after that many candles.
 * - Sell stop: triggers when low <= stop, fills at min(open, stop) - slippage, taker fee. Stops
 *   are matched before limits within a candle (pessimistic).
 */
export class CandleVenue implements Venue {
  readonly account: SpotAccount;

  private readonly slip: number;
  private readonly funded = { freeQuote: 0, baseLots: 0, buyLimitQuote: 0, sellLimitLots: 0 } satisfies VenueFunds;
  private readonly sizing: FundsView = { freeQuote: 0, baseLots: 0 };
  private listener: (event: VenueEvent) => void = () => {};
  /** Index of the candle matched last: submissions after it are decided on it. */
  private bar = -1;
  private pendingMarket: MarketOrder[] = [];
  // One resting order per kind and side: a new one replaces the old (as an amend would live).
  private buyLimit: RestingOrder | null = null;
  private sellLimit: RestingOrder | null = null;
  private stop: RestingOrder | null = null;

  constructor(
    private readonly config: BacktestConfig,
    private readonly rules: CompiledRules,
  ) {
    this.account = new SpotAccount(config.initialQuote, rules);
    this.slip = config.slippageBps / 10_000;
  }

  onEvent(listener: (event: VenueEvent) => void): void {
    this.listener = listener;
  }

  funds(): VenueFunds {
    this.funded.freeQuote = this.account.cash;
    this.funded.sellLimitLots = this.sellLimitLots();
    this.funded.baseLots = this.account.holding.baseLots - this.funded.sellLimitLots;
    this.funded.buyLimitQuote = this.buyLimit === null ? 0 : this.buyLimit.reserved;
    return this.funded;
  }

  submit(order: VenueOrder): void {
    switch (order.type) {
      case 'market':
        this.pendingMarket.push(order);
        return;
      case 'limit': {
        const resting: RestingOrder = {
          key: order.key,
          ticks: order.ticks,
          price: priceOf(order.ticks, this.rules),
          lots: order.lots,
          reserved: 0,
          expiresAfter: order.ttlBars === undefined ? Infinity : this.bar + order.ttlBars,
          fresh: true,
        };
        if (order.side === 'buy') {
          this.releaseBuyLimit();
          // No fee in the lock: a buy's fee is paid in base.
          resting.reserved = quoteValue(order.lots, order.ticks, this.rules);
          this.account.lock(resting.reserved);
          this.buyLimit = resting;
        } else this.sellLimit = resting;
        return;
      }
      case 'stop':
        this.stop = { key: order.key, ticks: order.ticks, price: priceOf(order.ticks, this.rules), lots: order.lots, reserved: 0, expiresAfter: Infinity, fresh: false };
        return;
    }
  }

  cancel(request: CancelRequest): void {
    if (request.side !== 'sell') this.releaseBuyLimit();
    if (request.side !== 'buy') {
      this.sellLimit = null;
      this.stop = null;
    }
  }

  /** Candle `i` trades: fills what it reaches, in the order the fill model states. */
  match(i: number, time: number, open: number, high: number, low: number): void {
    this.bar = i;
    const { account } = this;
    if (this.pendingMarket.length > 0) {
      for (const order of this.pendingMarket) this.marketFill(order, time, open);
      this.pendingMarket = [];
    }
    if (this.buyLimit !== null && i > this.buyLimit.expiresAfter) this.releaseBuyLimit();
    if (this.sellLimit !== null && i > this.sellLimit.expiresAfter) this.sellLimit = null;
    this.takeAtOpen(time, open);
    // Stops before limits: when both could trigger inside one candle, assume the worse path.
    if (this.stop !== null && low <= this.stop.price) {
      // Base a sell limit holds is not the stop's to sell.
      const lots = Math.min(this.stop.lots, account.holding.baseLots - this.sellLimitLots());
      const ticks = fillPriceTicks(Math.min(open, this.stop.price) * (1 - this.slip), 'sell', this.rules);
      if (lots > 0) this.fill(this.stop.key, time, 'sell', lots, ticks, this.config.takerFee, 'taker', 0);
      this.stop = null;
    }
    if (this.buyLimit !== null && low < this.buyLimit.price) {
      const { key, lots, ticks, reserved } = this.buyLimit;
      this.buyLimit = null;
      this.fill(key, time, 'buy', lots, ticks, this.config.makerFee, 'maker', reserved);
    }
    if (this.sellLimit !== null && high > this.sellLimit.price) {
      const lots = Math.min(this.sellLimit.lots, account.holding.baseLots);
      if (lots > 0) this.fill(this.sellLimit.key, time, 'sell', lots, this.sellLimit.ticks, this.config.makerFee, 'maker', 0);
      this.sellLimit = null;
    }
    if (account.holding.baseLots === 0) this.stop = null;
  }

  /**
   * A new limit already through the open is marketable: it takes the book there as taker, at the
   * open +/- slippage on the tick (never past its own price), as the exchange would fill it on arrival.
   */
  private takeAtOpen(time: number, open: number): void {
    const buy = this.buyLimit;
    if (buy?.fresh) {
      buy.fresh = false;
      const ticks = fillPriceTicks(open * (1 + this.slip), 'buy', this.rules);
      if (ticks <= buy.ticks) {
        this.buyLimit = null;
        this.fill(buy.key, time, 'buy', buy.lots, ticks, this.config.takerFee, 'taker', buy.reserved);
      }
    }
    const sell = this.sellLimit;
    if (sell?.fresh) {
      sell.fresh = false;
      const ticks = fillPriceTicks(open * (1 - this.slip), 'sell', this.rules);
      const lots = Math.min(sell.lots, this.account.holding.baseLots);
      if (ticks >= sell.ticks && lots > 0) {
        this.sellLimit = null;
        this.fill(sell.key, time, 'sell', lots, ticks, this.config.takerFee, 'taker', 0);
      }
    }
  }

  private marketFill(order: MarketOrder, time: number, open: number): void {
    const buy = order.side === 'buy';
    // Fill prices land on the tick grid, rounded against the trader (buys up, sells down).
    const ticks = fillPriceTicks(open * (buy ? 1 + this.slip : 1 - this.slip), order.side, this.rules);
    this.sizing.freeQuote = this.account.cash;
    this.sizing.baseLots = this.account.holding.baseLots - this.sellLimitLots();
    const sized = sizeOrder(order.side, order.fraction, ticks, this.sizing, this.rules);
    if (!sized.ok) {
      this.listener({ type: 'rejected', key: order.key, time, reason: sized.reason, message: `market ${sized.message}` });
      return;
    }
    this.fill(order.key, time, order.side, sized.lots, ticks, this.config.takerFee, 'taker', 0);
  }

  private fill(key: OrderLinkId, time: number, side: Side, lots: number, ticks: number, feeRate: number, liquidity: Liquidity, fromReserve: number): void {
    if (side === 'buy') this.account.buy(lots, ticks, feeRate, fromReserve);
    else this.account.sell(lots, ticks, feeRate);
    this.listener({ type: 'fill', key, time, side, lots, ticks, feeRate, liquidity });
  }

  /** What the resting sell limit holds back (all its lots), never more than is held (a stop may have sold it). */
  private sellLimitLots(): number {
    return this.sellLimit === null ? 0 : Math.min(this.sellLimit.lots, this.account.holding.baseLots);
  }

  private releaseBuyLimit(): void {
    if (this.buyLimit !== null && this.buyLimit.reserved > 0) this.account.release(this.buyLimit.reserved);
    this.buyLimit = null;
  }
}
