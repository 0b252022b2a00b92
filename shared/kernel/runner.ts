import { intentKeyer } from './intent-key.ts';
import type { OrderLinkId, Rejection, SizedIntent, VenueEvent } from './schemas.ts';
import { TradeBook } from './trade-book.ts';
import type { Venue } from './venue.ts';
import type { OhlcvCandle } from '../market/schemas.ts';
import { floorSteps } from '../strategy/decimal-step.ts';
import type { OrderIntent } from '../strategy/intents.ts';
import { limitPriceTicks, sizeOrder, type CompiledRules, type FundsView, type SizedOrder } from '../strategy/order-rules.ts';
import type { BoundStrategy, PositionView } from '../strategy/strategy.ts';

export interface RunnerOptions {
  strategy: BoundStrategy;
  /** Names the run in every idempotency key; the same id on a replay or restart gives the same keys. */
  runId: string;
  rules: CompiledRules;
  venue: Venue;
}

const MAX_REJECTIONS_KEPT = 200;

/**
 * The one trading kernel for backtest, paper and live: closed candle -> strategy step -> key ->
 * size -> venue. It is a step function with no loop and no clock of its own: whoever drives it
 * (the backtest loop, synchronously; a live feed, one candle at a time) calls `onClosedCandle`
 * for each closed candle, and the venue calls back with fills and rejections whenever they
 * happen. The position the strategy sees is built from those fills alone (`book`).
 */
export class StrategyRunner {
  readonly book: TradeBook;
  /** The first rejections (capped) with `rejectedCount` counting all of them. */
  readonly rejections: Rejection[] = [];
  rejectedCount = 0;

  private readonly strategy: BoundStrategy;
  private readonly rules: CompiledRules;
  private readonly venue: Venue;
  private readonly keyOf: (openTime: number, intent: OrderIntent, index: number) => OrderLinkId;
  private state: unknown;
  // Reused on every candle: the backtest steps a million of them.
  private readonly position: PositionView = { base: 0, entryPrice: NaN };
  private readonly sizing: FundsView = { freeQuote: 0, baseLots: 0 };

  constructor({ strategy, runId, rules, venue }: RunnerOptions) {
    this.strategy = strategy;
    this.rules = rules;
    this.venue = venue;
    this.keyOf = intentKeyer(runId);
    this.book = new TradeBook(rules);
    this.state = strategy.init();
    venue.onEvent((event) => this.onEvent(event));
  }

  /** A candle before the trading window: the strategy warms up on it and its intents are discarded. */
  warmUp(candle: OhlcvCandle): void {
    this.state = this.strategy.step(this.state, candle, this.viewPosition()).state;
  }

  /**
   * `candle` has closed: the strategy decides, and each intent is keyed, sized and handed to the
   * venue in the order the strategy gave them (the venue is where they can be seen and recorded).
   */
  onClosedCandle(candle: OhlcvCandle): void {
    const result = this.strategy.step(this.state, candle, this.viewPosition());
    this.state = result.state;
    const { intents } = result;
    for (let i = 0; i < intents.length; i++) this.place(intents[i]!, candle.openTime, this.keyOf(candle.openTime, intents[i]!, i));
  }

  onEvent(event: VenueEvent): void {
    if (event.type === 'fill') this.book.apply(event);
    else this.reject(event.time, event.reason, event.message);
  }

  private viewPosition(): PositionView {
    this.position.base = this.book.base;
    this.position.entryPrice = this.book.entryPrice;
    return this.position;
  }

  private place(intent: OrderIntent, time: number, key: OrderLinkId): void {
    switch (intent.type) {
      case 'market':
        return this.hand({ type: 'market', key, time, side: intent.side, fraction: intent.fraction });
      case 'cancel':
        return this.hand(intent.side === undefined ? { type: 'cancel', key, time } : { type: 'cancel', key, time, side: intent.side });
      case 'limit': {
        const order = this.size(intent.side, intent.fraction, limitPriceTicks(intent.price, intent.side, this.rules));
        if (!order.ok) {
          this.reject(time, order.reason, `limit ${order.message}`);
          // The new buy limit replaces the resting one even when it is refused itself.
          if (intent.side === 'buy') this.hand({ type: 'cancel', key, time, side: 'buy' });
          return;
        }
        const { ttlBars } = intent;
        return this.hand({ type: 'limit', key, time, side: intent.side, lots: order.lots, ticks: order.ticks, ...(ttlBars === undefined ? {} : { ttlBars }) });
      }
      case 'stop': {
        const order = this.size('sell', intent.fraction, floorSteps(intent.stopPrice, this.rules.tick));
        if (!order.ok) {
          this.reject(time, order.reason, `stop ${order.message}`);
          return;
        }
        return this.hand({ type: 'stop', key, time, side: 'sell', lots: order.lots, ticks: order.ticks });
      }
    }
  }

  /** Sizing and exchange-limit checks go through `sizeOrder`, the one function every venue's orders pass. */
  private size(side: 'buy' | 'sell', fraction: number, ticks: number): SizedOrder {
    const funds = this.venue.funds();
    this.sizing.freeQuote = side === 'buy' ? funds.freeQuote + funds.buyLimitQuote : funds.freeQuote;
    this.sizing.baseLots = funds.baseLots + funds.sellLimitLots;
    return sizeOrder(side, fraction, ticks, this.sizing, this.rules);
  }

  private hand(intent: SizedIntent): void {
    const taken = intent.type === 'cancel' ? this.venue.cancel(intent) : this.venue.submit(intent);
    if (taken !== undefined) {
      taken.catch((error: unknown) => this.reject(intent.time, 'venue-error', `${intent.type} ${intent.key}: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  private reject(time: number, reason: string, message: string): void {
    this.rejectedCount++;
    if (this.rejections.length < MAX_REJECTIONS_KEPT) this.rejections.push({ time, reason, message });
  }
}
