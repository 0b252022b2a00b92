import type { Logger } from 'pino';
import type { FillRecord, PlaceOrderRequest } from '../../shared/execution/index.ts';
import type { CancelRequest, OrderLinkId, SizedIntent, VenueEvent, VenueFunds, VenueOrder } from '../../shared/kernel/index.ts';
import { SpotAccount } from '../../shared/backtest/spot-account.ts';
import { div, fixed, fixedText, mul } from '../../shared/matching/fixed-decimal.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/interval.ts';
import type { MarketSymbol } from '../../shared/market/index.ts';
import { floorSteps, formatSteps, parseStep } from '../../shared/strategy/decimal-step.ts';
import { formatPrice, formatQty, priceOf, quoteValue, type CompiledRules } from '../../shared/strategy/order-rules.ts';
import type { Side } from '../../shared/strategy/intents.ts';
import { OrderRefusal, type ExecutionService } from '../execution/execution-service.ts';
import type { OrderStore } from '../execution/order-store.ts';
import type { LiveVenue } from './live-run.ts';
import type { RunStore } from './run-store.ts';

export interface ExecutionVenueOptions {
  runId: string;
  strategyId: string;
  instrument: MarketSymbol;
  rules: CompiledRules;
  interval: Interval;
  /** Quote this run may spend: its own account, like a backtest's initial balance, inside the venue's. */
  capital: number;
  execution: Pick<ExecutionService, 'place' | 'cancel' | 'holdsStops'>;
  orders: Pick<OrderStore, 'getByKey' | 'fills'>;
  store: RunStore;
  logger: Logger;
}

interface Tracked {
  /** Open time of the candle that decided it: none of its fills can come before that candle closed. */
  decidedOn: number;
  side: Side;
  orderId: string | null;
  /** Its order reached a final state and every fill was reported. */
  done: boolean;
  reported: Set<string>;
  /** Quote locked while it is a resting buy limit. */
  reserved: number;
}

interface RestingLimit {
  key: OrderLinkId;
  /** Lots still to fill: for a sell, the base the exchange holds back for it. */
  lots: number;
  /** Candles it may stay unfilled (ttlBars), counted from the one it was decided on. */
  expiresAfter: number;
}

interface LocalStop {
  key: OrderLinkId;
  lots: number;
  price: number;
  time: number;
}

type PlaceBody = Pick<PlaceOrderRequest, 'side' | 'type' | 'qty' | 'quoteAmount' | 'price' | 'triggerPrice' | 'timeInForce'>;

const FINAL = new Set(['filled', 'cancelled', 'rejected']);

/**
 * The kernel's venue over the relay's execution service: every intent becomes a `place()` with the
 * kernel's key as idempotencyKey (= Bybit orderLinkId), the strategy named and the run as actor, so
 * a replayed decision is answered from the order store (200) and never placed twice. Fills come
 * back from the order store, whoever wrote them (the answer to the place, or a resting limit the
 * venue filled later). Funds are the run's own account (its capital and its own fills), so it sizes
 * as its backtest does and never spends what the trader's other orders use. The protective sell
 * stop is a stop order where the venue holds them (paper); elsewhere (live: Bybit's conditional
 * orders are not wired yet) it is kept here and sent as a market sell once the market trades at
 * or below it.
 */
export class ExecutionVenue implements LiveVenue {
  private readonly account: SpotAccount;
  private readonly tracked = new Map<OrderLinkId, Tracked>();
  private readonly quoteStep;
  private readonly intervalMs: number;
  private readonly actor: string;
  private listener: (event: VenueEvent) => void = () => {};
  /** Events read from the store, reported in time order once their time has passed. */
  private pending: VenueEvent[] = [];
  private decided: SizedIntent[] = [];
  private sending: Promise<void> = Promise.resolve();
  private buyLimit: RestingLimit | null = null;
  private sellLimit: RestingLimit | null = null;
  /** The protective stop, kept here when the venue holds none (live for now). */
  private stop: LocalStop | null = null;
  /** The protective stop as a stop order the venue holds (paper). */
  private stopOrder: OrderLinkId | null = null;
  private candlesClosed = 0;
  /** Orders the execution service took (placed, or answered from the store), for the run's status. */
  placed = 0;

  constructor(private readonly options: ExecutionVenueOptions) {
    this.account = new SpotAccount(options.capital, options.rules);
    this.quoteStep = parseStep(options.instrument.quotePrecision);
    this.intervalMs = INTERVAL_MS[options.interval];
    this.actor = `runner:${options.runId}`;
  }

  onEvent(listener: (event: VenueEvent) => void): void {
    this.listener = listener;
  }

  funds(): VenueFunds {
    const sellLimitLots = this.sellLimitLots();
    return {
      freeQuote: this.account.cash,
      baseLots: this.account.holding.baseLots - sellLimitLots,
      buyLimitQuote: this.buyLimit === null ? 0 : this.tracked.get(this.buyLimit.key)!.reserved,
      sellLimitLots,
    };
  }

  /**
   * After a restart: what the run decided before, in order, so its resting orders, its stop and
   * its fills are known again. A decision with no order in the store was refused before the
   * execution service wrote it (its reason is in the audit log's order.intent refusals).
   */
  restore(): void {
    for (const { candleOpenTime, intent } of this.options.store.intents(this.options.runId)) {
      if (intent.type === 'cancel') {
        this.clearResting(intent.side);
        continue;
      }
      this.track(intent.key, candleOpenTime, intent.side);
      if (intent.type === 'stop' && !this.options.execution.holdsStops) {
        this.stop = { key: intent.key, lots: intent.lots, price: priceOf(intent.ticks, this.options.rules), time: intent.time };
        continue;
      }
      if (intent.type === 'stop') this.stopOrder = intent.key;
      if (intent.type === 'limit') this.rest(intent.key, intent.side, intent.lots, intent.ttlBars);
      const order = this.options.orders.getByKey(intent.key);
      if (order === undefined) {
        this.tracked.get(intent.key)!.done = true;
        this.pending.push({ type: 'rejected', key: intent.key, time: intent.time + this.intervalMs, reason: 'refused', message: `${intent.type} ${intent.key}: refused by the execution service (audit log: order.intent)` });
      } else this.placed++;
    }
    if (this.stop !== null && this.options.orders.getByKey(this.stop.key) !== undefined) {
      this.track(this.stop.key, this.stop.time, 'sell');
      this.stop = null;
    }
    this.pull();
    for (const limit of [this.buyLimit, this.sellLimit]) {
      if (limit !== null && this.tracked.get(limit.key)!.done) this.clearLimit(limit.key);
    }
    if (this.stopOrder !== null && this.tracked.get(this.stopOrder)!.done) this.stopOrder = null;
    if (this.buyLimit !== null) this.lock(this.buyLimit.key);
  }

  submit(order: VenueOrder): Promise<void> {
    this.decided.push(order);
    if (order.type === 'stop' && !this.options.execution.holdsStops) {
      this.stop = { key: order.key, lots: order.lots, price: priceOf(order.ticks, this.options.rules), time: order.time };
      return Promise.resolve();
    }
    if (order.type === 'stop') {
      // One stop a run, as in the backtest: a trailed stop replaces the one resting.
      if (this.stopOrder !== null) this.cancelResting(this.stopOrder);
      this.stopOrder = order.key;
    }
    this.track(order.key, order.time, order.side);
    if (order.type === 'limit') {
      const replaced = order.side === 'buy' ? this.buyLimit : this.sellLimit;
      if (replaced !== null) this.cancelResting(replaced.key);
      this.rest(order.key, order.side, order.lots, order.ttlBars);
      if (order.side === 'buy') this.lock(order.key, quoteValue(order.lots, order.ticks, this.options.rules));
    }
    // Sized now, on the funds the decision saw: a ttl cancel after this step frees quote in the
    // run's account at once, but at the exchange only after this order is sent.
    const { body, why } = this.placement(order);
    return this.enqueue(() => this.sendPlace(order.key, order.time, body, why));
  }

  cancel(request: CancelRequest): Promise<void> {
    this.decided.push(request);
    if (request.side !== 'sell' && this.buyLimit !== null) this.cancelResting(this.buyLimit.key);
    if (request.side !== 'buy') {
      if (this.sellLimit !== null) this.cancelResting(this.sellLimit.key);
      if (this.stopOrder !== null) this.cancelResting(this.stopOrder);
      this.stop = null;
    }
    this.clearResting(request.side);
    return Promise.resolve();
  }

  deliver(before: number): void {
    this.pull();
    const due = this.pending.filter((event) => event.time < before).sort((a, b) => a.time - b.time);
    if (due.length === 0) return;
    this.pending = this.pending.filter((event) => event.time >= before);
    for (const event of due) {
      if (event.type === 'fill') this.book(event);
      this.listener(event);
    }
  }

  flush(): Promise<void> {
    return this.enqueue(async () => {});
  }

  takeDecided(): SizedIntent[] {
    const decided = this.decided;
    this.decided = [];
    return decided;
  }

  candleClosed(): void {
    this.candlesClosed++;
    for (const limit of [this.buyLimit, this.sellLimit]) {
      if (limit !== null && this.candlesClosed > limit.expiresAfter) this.cancelResting(limit.key);
    }
  }

  /** The stop is a market sell once price trades at or below it (the candle venue's trigger, on live prices). */
  traded(low: number, time: number): void {
    const { stop } = this;
    if (stop === null || low > stop.price) return;
    this.stop = null;
    const lots = Math.min(stop.lots, this.account.holding.baseLots - this.sellLimitLots());
    if (lots <= 0) return;
    this.track(stop.key, stop.time, 'sell');
    void this.enqueue(() => this.sendPlace(stop.key, stop.time, { side: 'sell', type: 'market', qty: formatQty(lots, this.options.rules) }, `stop at ${stop.price} (traded ${low} at ${new Date(time).toISOString()})`)).catch(
      (error: unknown) => this.options.logger.error({ err: error, key: stop.key }, 'the protective stop could not be sent'),
    );
  }

  private enqueue(job: () => Promise<void>): Promise<void> {
    const run = this.sending.then(job);
    // One failed send must not stop the ones after it; the caller sees its own failure.
    this.sending = run.catch(() => {});
    return run;
  }

  private placement(order: VenueOrder): { body: PlaceBody; why: string } {
    const { rules } = this.options;
    if (order.type === 'stop') return { body: { side: 'sell', type: 'stop', qty: formatQty(order.lots, rules), triggerPrice: formatPrice(order.ticks, rules) }, why: 'stop' };
    if (order.type === 'limit') {
      return { body: { side: order.side, type: 'limit', qty: formatQty(order.lots, rules), price: formatPrice(order.ticks, rules), timeInForce: 'GTC' }, why: 'limit' };
    }
    if (order.side === 'sell') {
      // The exchange holds back what the resting sell limit may sell: only the rest is free.
      const free = this.account.holding.baseLots - this.sellLimitLots();
      const lots = order.fraction >= 1 ? free : Math.floor(free * order.fraction);
      return { body: { side: 'sell', type: 'market', qty: formatQty(lots, rules) }, why: 'market' };
    }
    // A market buy spends quote (Bybit marketUnit quoteCoin): the venue turns it into lots at its own price, as the backtest does at the next open.
    const steps = floorSteps(this.account.cash * order.fraction, this.quoteStep);
    return { body: { side: 'buy', type: 'market', quoteAmount: formatSteps(steps, this.quoteStep) }, why: 'market' };
  }

  private async sendPlace(key: OrderLinkId, time: number, order: PlaceBody, why: string): Promise<void> {
    const body = { idempotencyKey: key, symbol: this.options.instrument.symbol, strategyId: this.options.strategyId, reason: `${this.options.runId}: ${why} ${order.side}`, ...order };
    try {
      const outcome = await this.options.execution.place(body, this.actor);
      this.tracked.get(key)!.orderId = outcome.order.id;
      this.placed++;
      if (!outcome.created) this.options.logger.warn({ key }, 'the execution service already had this decision; nothing was placed again');
    } catch (error) {
      if (!(error instanceof OrderRefusal)) throw error;
      if (error.code === 'idempotency_conflict') {
        // The key was placed before (a decision replayed with funds that have moved since): the order that exists is the one.
        this.options.logger.warn({ key, message: error.message }, 'the execution service already had this key; nothing was placed again');
        return;
      }
      this.tracked.get(key)!.done = true;
      if (key === this.buyLimit?.key || key === this.sellLimit?.key) this.clearLimit(key);
      if (key === this.stopOrder) this.stopOrder = null;
      // Refused when it reached the venue, at the close of the candle that decided it, where the backtest refuses it too.
      this.pending.push({ type: 'rejected', key, time: time + this.intervalMs, reason: error.code, message: `${order.type} ${order.side}: ${error.message}` });
    }
  }

  private cancelResting(key: OrderLinkId): void {
    this.clearLimit(key);
    void this.enqueue(async () => {
      const order = this.options.orders.getByKey(key);
      if (order === undefined || FINAL.has(order.status)) return;
      try {
        await this.options.execution.cancel(order.id, this.actor);
      } catch (error) {
        // Filled or closed meanwhile: its fills are still reported from the store.
        if (!(error instanceof OrderRefusal)) throw error;
        this.options.logger.info({ key, code: error.code }, 'a resting order of the run could not be cancelled');
      }
    }).catch((error: unknown) => this.options.logger.error({ err: error, key }, 'cancel of a resting order failed'));
  }

  private track(key: OrderLinkId, decidedOn: number, side: Side): void {
    if (!this.tracked.has(key)) this.tracked.set(key, { decidedOn, side, orderId: null, done: false, reported: new Set(), reserved: 0 });
  }

  private rest(key: OrderLinkId, side: Side, lots: number, ttlBars: number | undefined): void {
    const limit = { key, lots, expiresAfter: ttlBars === undefined ? Infinity : this.candlesClosed + ttlBars };
    if (side === 'buy') this.buyLimit = limit;
    else this.sellLimit = limit;
  }

  /** Never more than is held: the protective stop may have sold what the limit held back. */
  private sellLimitLots(): number {
    return this.sellLimit === null ? 0 : Math.min(this.sellLimit.lots, this.account.holding.baseLots);
  }

  private lock(key: OrderLinkId, quote?: number): void {
    const tracked = this.tracked.get(key)!;
    if (quote !== undefined) tracked.reserved = quote;
    this.account.lock(tracked.reserved);
  }

  private clearLimit(key: OrderLinkId): void {
    if (this.buyLimit?.key === key) {
      this.buyLimit = null;
      const tracked = this.tracked.get(key)!;
      this.account.release(tracked.reserved);
      tracked.reserved = 0;
    }
    if (this.sellLimit?.key === key) this.sellLimit = null;
  }

  private clearResting(side: Side | undefined): void {
    if (side !== 'sell' && this.buyLimit !== null) this.clearLimit(this.buyLimit.key);
    if (side !== 'buy') {
      this.sellLimit = null;
      this.stop = null;
      this.stopOrder = null;
    }
  }

  /** New fills of the run's orders from the order store, as kernel fills. */
  private pull(): void {
    for (const [key, tracked] of this.tracked) {
      if (tracked.done) continue;
      const order = this.options.orders.getByKey(key);
      if (order === undefined) continue;
      for (const fill of this.options.orders.fills(order.id)) {
        if (tracked.reported.has(fill.execId)) continue;
        tracked.reported.add(fill.execId);
        this.pending.push(this.kernelFill(key, tracked, fill));
      }
      if (FINAL.has(order.status)) tracked.done = true;
    }
  }

  private kernelFill(key: OrderLinkId, tracked: Tracked, fill: FillRecord): VenueEvent {
    const { rules, instrument } = this.options;
    const qty = Number(fill.qty);
    const price = Number(fill.price);
    return {
      type: 'fill',
      key,
      // A fill cannot precede the close of the candle that decided it, whatever clock the venue keeps.
      time: Math.max(Date.parse(fill.at), tracked.decidedOn + this.intervalMs),
      side: fill.side,
      lots: Math.round(qty / rules.lotSize),
      ticks: Math.round(price / rules.tickSize),
      // In decimals, as the venue computed the fee: a float quotient is an ulp off the schedule's rate (0.001).
      feeRate: Number(fixedText(div(fixed(fill.fee), fill.feeAsset === instrument.base ? fixed(fill.qty) : mul(fixed(fill.qty), fixed(fill.price))))),
      liquidity: fill.liquidity,
    };
  }

  /** The run's account follows its fills as the candle venue's does. */
  private book(fill: Extract<VenueEvent, { type: 'fill' }>): void {
    if (fill.side === 'sell') {
      this.account.sell(fill.lots, fill.ticks, fill.feeRate);
      if (fill.key === this.sellLimit?.key) this.sellLimit.lots -= fill.lots;
      if (fill.key === this.stopOrder) this.stopOrder = null;
      // Flat, the run's stop protects nothing: the backtest drops it then, so it is cancelled.
      if (this.account.holding.baseLots === 0 && this.stopOrder !== null) {
        this.cancelResting(this.stopOrder);
        this.stopOrder = null;
      }
      return;
    }
    const tracked = this.tracked.get(fill.key);
    const fromReserve = tracked !== undefined && fill.key === this.buyLimit?.key ? tracked.reserved : 0;
    if (fromReserve > 0) {
      this.buyLimit = null;
      tracked!.reserved = 0;
    }
    this.account.buy(fill.lots, fill.ticks, fill.feeRate, fromReserve);
  }
}
