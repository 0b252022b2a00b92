import { randomUUID } from 'node:crypto';
import { decimalText, type FillRecord, type OrderRecord } from '../../shared/execution/index.ts';
import type { MarketSymbol } from '../../shared/market/index.ts';
import { fixed, fixedText, mul, ONE, type Fixed } from '../../shared/matching/fixed-decimal.ts';
import { SpotMatchingEngine } from '../../shared/matching/spot-matching-engine.ts';
import { isOpen, type Fill, type SpotOrder } from '../../shared/matching/spot-order.ts';
import type { OrderBook } from '../market/gateway.ts';
import type { UpstreamFeed } from '../market/upstream-ownership.ts';
import { PaperLedger } from './paper-ledger.ts';
import { VenueRejection, type Venue, type VenueFill, type VenueOrderRequest, type VenueOrderState, type VenueSnapshot, type VenueUpdate } from './venue.ts';

/** The live market's book as the exchange lists it now: bids best first, asks best first. */
export type BookSides = Pick<OrderBook, 'bids' | 'asks'>;

export interface PaperVenueOptions {
  /** The exchange's instrument; throws for a symbol it does not list. */
  instrument(symbol: string): Promise<MarketSymbol>;
  /** Read fresh for every order, so a market order walks the book as it is now. */
  book(symbol: string): Promise<BookSides>;
  /** Ticker pushes of symbols with orders: resting limits fill when the market trades through them. Released on close. */
  feed: UpstreamFeed;
  /** Fee rates as decimal fractions, e.g. "0.001" (Bybit's default spot rate, 0.1 %). */
  fees: { maker: string; taker: string };
  startBalances: Readonly<Record<string, string>>;
  clock?: () => number;
}

/**
 * A pushed price says a trade happened, not how large it was: it is taken as large enough for
 * every resting limit it went through.
 */
const DEEP: Fixed = 10n ** 15n * ONE;

const levels = (side: BookSides['bids']) => side.map((l) => ({ price: fixed(l.price), size: fixed(l.size) }));

/**
 * What a base quantity costs at most: the price of the deepest ask it reaches, or of the last
 * listed one (the engine fills no further than the listed book, and cancels the rest).
 */
function worstAsk(asks: BookSides['asks'], qty: Fixed): Fixed {
  let left = qty;
  for (const level of asks) {
    left -= fixed(level.size);
    if (left <= 0n) return fixed(level.price);
  }
  return asks.length === 0 ? 0n : fixed(asks.at(-1)!.price);
}

interface Hold {
  /** Held back from the balance for what is still open: quote for buys, base for sells. */
  reservedAsset: string;
  reserved: Fixed;
  /** Reserved per unit of the order's own quantity (quote per base for buys, 1 for sells and quote-amount buys). */
  reservedPerUnit: Fixed;
}

interface PaperOrder extends Hold {
  symbol: string;
  instrument: MarketSymbol;
  order: SpotOrder;
  fills: VenueFill[];
  /** Fills from before a restart, which the engine no longer counts. */
  prior: { qty: Fixed; quote: Fixed };
  /** A stop not triggered yet: the trade price at or below which it sells at market. Not in the engine until then. */
  trigger: Fixed | null;
}

const STATUS: Record<SpotOrder['status'], VenueOrderState['status']> = {
  New: 'new',
  PartiallyFilled: 'partially_filled',
  Filled: 'filled',
  Cancelled: 'cancelled',
  PartiallyFilledCanceled: 'cancelled',
  Rejected: 'rejected',
};

/**
 * Fills in the relay with the shared spot matching engine (the same one the Bybit stand-in runs)
 * against the live public market of the configured environment: market orders walk its book,
 * resting limits fill when its trades go through them; with Bybit's fee rules and paper balances. State is rebuilt at start from the stored fills and open orders (`restore`).
 */
export class PaperVenue implements Venue {
  readonly name = 'paper' as const;
  readonly holdsStops = true;
  private readonly engines = new Map<string, SpotMatchingEngine>();
  private readonly orders = new Map<string, PaperOrder>();
  /** Stops no trade has reached yet: what every push is checked against, not every order ever placed. */
  private readonly waitingStops = new Set<PaperOrder>();
  private readonly listeners = new Set<(update: VenueUpdate) => void>();
  private readonly ledger: PaperLedger;
  private readonly clock: () => number;
  private readonly detachFeed: () => void;

  constructor(private readonly options: PaperVenueOptions) {
    this.ledger = new PaperLedger(options.startBalances);
    this.clock = options.clock ?? Date.now;
    this.detachFeed = options.feed.onEvent((event) => {
      if (event.type === 'ticker') {
        this.stopsReachedLive(event.ticker.symbol, event.ticker.lastPrice);
        this.marketTraded(event.ticker.symbol, event.ticker.lastPrice);
      }
      // Tickers sample the last price, so a dip between two pushes would be missed; a 1m candle's
      // low and high did trade, though only after its open, so they fill orders resting at its open.
      // Stops first, as the backtest matches them: when both could go in one candle, the worse path.
      else if (event.interval === '1m') {
        this.stopsReachedInCandle(event.symbol, event.candle);
        for (const price of [event.candle.low, event.candle.high]) this.marketTraded(event.symbol, price, event.candle.openTime);
      }
    });
  }

  /** Replays the stored paper history: balances from every fill, open limits back on the book. */
  async restore(fills: readonly FillRecord[], openOrders: readonly OrderRecord[]): Promise<void> {
    for (const fill of fills) this.ledger.settleFill(fill, await this.options.instrument(fill.symbol));
    for (const stored of openOrders) {
      if (stored.type === 'stop' && stored.qty !== null && stored.triggerPrice !== null && stored.venueOrderId !== null) {
        this.holdStop(await this.options.instrument(stored.symbol), { ...stored, orderLinkId: stored.idempotencyKey, triggerPrice: stored.triggerPrice }, stored.venueOrderId, Date.parse(stored.createdAt));
        continue;
      }
      if (stored.type !== 'limit' || stored.qty === null || stored.price === null || stored.venueOrderId === null) continue;
      const instrument = await this.options.instrument(stored.symbol);
      const remaining = { ...stored, orderLinkId: stored.idempotencyKey, qty: fixedText(fixed(stored.qty) - fixed(stored.cumQty)) };
      const hold = this.hold(instrument, remaining, fixed(stored.price));
      if (hold === null) continue;
      // No liquidity is set yet, so the remainder rests whatever its price.
      const { orders } = this.engine(instrument).submit(this.engineRequest(stored.venueOrderId, remaining), 0n);
      this.track(instrument, orders[0]!, hold, { qty: fixed(stored.cumQty), quote: fixed(stored.cumQuote) });
    }
  }

  async submit(request: VenueOrderRequest): Promise<VenueUpdate> {
    if (this.orders.has(request.orderLinkId)) throw new VenueRejection('duplicate_order_link_id', `orderLinkId ${request.orderLinkId} was already used`);
    const instrument = await this.options.instrument(request.symbol);
    if (request.type === 'stop') return { order: this.state(this.holdStop(instrument, request, `paper-${randomUUID()}`, this.clock())), fills: [] };
    const engine = this.engine(instrument);
    const book = await this.options.book(request.symbol);
    const [bid, ask] = [book.bids[0], book.asks[0]];
    if (bid === undefined || ask === undefined) throw new VenueRejection('no_liquidity', `the ${request.symbol} book has no ${bid === undefined ? 'bids' : 'asks'} now`);
    engine.setLiquidity(levels(book.bids), levels(book.asks));
    const perUnit = request.side === 'sell' || request.quoteAmount !== null ? ONE : request.price !== null ? fixed(request.price) : worstAsk(book.asks, fixed(request.qty ?? '0'));
    const hold = this.hold(instrument, request, perUnit);
    if (hold === null) {
      const asset = request.side === 'buy' ? instrument.quote : instrument.base;
      throw new VenueRejection('insufficient_balance', `insufficient ${asset} balance: ${fixedText(this.ledger.free(asset))} free`);
    }
    const update = engine.submit(this.engineRequest(`paper-${randomUUID()}`, request), fixed(request.side === 'buy' ? ask.price : bid.price));
    return this.apply(this.track(instrument, update.orders[0]!, hold, { qty: 0n, quote: 0n }), update.fills);
  }

  async cancel(orderLinkId: string): Promise<VenueUpdate> {
    const entry = this.orders.get(orderLinkId);
    if (entry === undefined) throw new VenueRejection('unknown_order', `no paper order with orderLinkId ${orderLinkId}`);
    if (!isOpen(entry.order)) throw new VenueRejection('order_not_open', `order ${orderLinkId} is already ${STATUS[entry.order.status]}`);
    if (entry.trigger !== null) {
      entry.trigger = null;
      this.waitingStops.delete(entry);
      Object.assign(entry.order, { status: 'Cancelled', rejectReason: 'EC_PerCancelRequest', cancelType: 'CancelByUser', updatedTime: this.clock() });
    } else this.engine(entry.instrument).cancel(entry.order, this.clock());
    return this.apply(entry, []);
  }

  async query(orderLinkId: string): Promise<VenueUpdate | null> {
    const entry = this.orders.get(orderLinkId);
    return entry === undefined ? null : { order: this.state(entry), fills: [...entry.fills] };
  }

  async snapshot(): Promise<VenueSnapshot> {
    const openOrders = [...this.orders.values()].filter((entry) => isOpen(entry.order)).map((entry) => this.state(entry));
    return { openOrders, balances: this.ledger.balances() };
  }

  /** The fills this venue made since it started (the stored ones from before are the relay's own record). */
  async fillsSince(since: number): Promise<VenueFill[]> {
    return [...this.orders.values()].flatMap((entry) => entry.fills.filter((fill) => fill.time >= since));
  }

  onUpdate(listener: (update: VenueUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.detachFeed();
    this.options.feed.release();
    this.listeners.clear();
  }

  private engine(instrument: MarketSymbol): SpotMatchingEngine {
    let engine = this.engines.get(instrument.symbol);
    if (engine === undefined) {
      const spec = { tickSize: fixed(instrument.tickSize), lotSize: fixed(instrument.basePrecision), makerFeeRate: fixed(this.options.fees.maker), takerFeeRate: fixed(this.options.fees.taker) };
      engine = new SpotMatchingEngine(spec, () => `paper-${randomUUID()}`);
      this.engines.set(instrument.symbol, engine);
      this.options.feed.subscribe([
        { kind: 'ticker', symbol: instrument.symbol },
        { kind: 'kline', symbol: instrument.symbol, interval: '1m' },
      ]);
    }
    return engine;
  }

  /** Holds back what the order can spend, or null when the balance cannot cover it. */
  private hold(instrument: MarketSymbol, request: Pick<VenueOrderRequest, 'side' | 'qty' | 'quoteAmount'>, perUnit: Fixed): Hold | null {
    const asset = request.side === 'buy' ? instrument.quote : instrument.base;
    const amount = mul(fixed(request.quoteAmount ?? request.qty ?? '0'), perUnit);
    return this.ledger.reserve(asset, amount) ? { reservedAsset: asset, reserved: amount, reservedPerUnit: perUnit } : null;
  }

  private track(instrument: MarketSymbol, snapshot: SpotOrder, hold: Hold, prior: PaperOrder['prior']): PaperOrder {
    const engine = this.engine(instrument);
    // The engine's own object for a resting order: it mutates that one when later trades fill it.
    const order = engine.restingOrders().find((o) => o.orderId === snapshot.orderId) ?? snapshot;
    const entry: PaperOrder = { symbol: instrument.symbol, instrument, order, fills: [], ...hold, prior, trigger: null };
    this.orders.set(order.orderLinkId, entry);
    return entry;
  }

  private engineRequest(orderId: string, request: Pick<VenueOrderRequest, 'orderLinkId' | 'side' | 'type' | 'qty' | 'quoteAmount' | 'price' | 'timeInForce'>) {
    return {
      orderId,
      orderLinkId: request.orderLinkId,
      side: request.side === 'buy' ? ('Buy' as const) : ('Sell' as const),
      orderType: request.type === 'limit' ? ('Limit' as const) : ('Market' as const),
      qty: fixed(request.quoteAmount ?? request.qty ?? '0'),
      price: request.price === null ? 0n : fixed(request.price),
      timeInForce: request.timeInForce,
      marketUnit: request.quoteAmount !== null ? ('quoteCoin' as const) : ('baseCoin' as const),
      time: this.clock(),
    };
  }

  /**
   * A stop rests outside the engine until a trade reaches it. Like the backtest's it holds nothing
   * back, and once triggered sells what it can of its qty from the free base.
   */
  private holdStop(instrument: MarketSymbol, request: Pick<VenueOrderRequest, 'orderLinkId' | 'qty' | 'triggerPrice'>, orderId: string, time: number): PaperOrder {
    // Subscribes the symbol's market, whose trades trigger it.
    this.engine(instrument);
    const qty = fixed(request.qty ?? '0');
    const order: SpotOrder = {
      ...this.engineRequest(orderId, { orderLinkId: request.orderLinkId, side: 'sell', type: 'market', qty: request.qty ?? '0', quoteAmount: null, price: null, timeInForce: 'GTC' }),
      time,
      status: 'New',
      rejectReason: 'EC_NoError',
      cancelType: 'UNKNOWN',
      leavesQty: qty,
      cumExecQty: 0n,
      cumExecValue: 0n,
      cumExecFee: 0n,
      updatedTime: time,
      lastPriceOnCreated: 0n,
    };
    const entry: PaperOrder = { symbol: instrument.symbol, instrument, order, fills: [], reservedAsset: instrument.base, reserved: 0n, reservedPerUnit: ONE, prior: { qty: 0n, quote: 0n }, trigger: fixed(request.triggerPrice ?? '0') };
    this.orders.set(request.orderLinkId, entry);
    this.waitingStops.add(entry);
    return entry;
  }

  /** The waiting stops of `symbol` a trade at `price` reached, no longer waiting once taken. */
  private takeStopsReached(symbol: string, price: Fixed, restingAt = Infinity): PaperOrder[] {
    const reached = [...this.waitingStops].filter((e) => e.symbol === symbol && price <= e.trigger! && e.order.time <= restingAt);
    for (const entry of reached) this.waitingStops.delete(entry);
    return reached;
  }

  /** A live trade at or below a stop: it sells into the book as it is now. */
  private stopsReachedLive(symbol: string, lastPrice: number): void {
    const reached = this.takeStopsReached(symbol, fixed(decimalText(lastPrice)));
    if (reached.length === 0) return;
    void this.options.book(symbol).then(
      (book) => {
        for (const entry of reached) this.sellTriggered(entry, levels(book.bids), lastPrice);
      },
      // Unread book: the stops (unless cancelled meanwhile) wait for the next trade that reaches them.
      () => {
        for (const entry of reached) if (entry.trigger !== null) this.waitingStops.add(entry);
      },
    );
  }

  /**
   * A closed candle whose low reached a stop resting at its open: it sold where the market passed
   * it, at the stop or at the open when the candle opened below it (floored to the tick), as the
   * backtest fills it.
   */
  private stopsReachedInCandle(symbol: string, candle: { openTime: number; open: number; low: number }): void {
    for (const entry of this.takeStopsReached(symbol, fixed(decimalText(candle.low)), candle.openTime)) {
      const tick = fixed(entry.instrument.tickSize);
      const open = fixed(decimalText(candle.open));
      const at = ((open < entry.trigger! ? open : entry.trigger!) / tick) * tick;
      this.sellTriggered(entry, [{ price: at, size: DEEP }], Number(fixedText(at)));
    }
  }

  /** The triggered stop becomes a market sell of what it can sell, in the engine against `bids`. */
  private sellTriggered(entry: PaperOrder, bids: { price: Fixed; size: Fixed }[], lastPrice: number): void {
    // Cancelled while its book was read.
    if (entry.trigger === null) return;
    entry.trigger = null;
    const lot = fixed(entry.instrument.basePrecision);
    const free = this.ledger.free(entry.instrument.base);
    const want = entry.order.qty < free ? entry.order.qty : free;
    const qty = (want / lot) * lot;
    let update: VenueUpdate;
    if (qty <= 0n) {
      Object.assign(entry.order, { status: 'Cancelled', rejectReason: 'EC_NoEnoughQtyToFill', updatedTime: this.clock() });
      update = this.apply(entry, []);
    } else {
      const engine = this.engine(entry.instrument);
      engine.setLiquidity(bids, []);
      const request = { orderLinkId: entry.order.orderLinkId, side: 'sell' as const, type: 'market' as const, qty: fixedText(qty), quoteAmount: null, price: null, timeInForce: 'IOC' as const };
      const made = engine.submit(this.engineRequest(entry.order.orderId, request), fixed(decimalText(lastPrice)));
      entry.order = made.orders[0]!;
      update = this.apply(entry, made.fills);
    }
    for (const listener of this.listeners) listener(update);
  }

  /**
   * Resting limits fill only when the market trades through their price, the backtest's rule: a
   * paper order has no place in the exchange's queue, so a touch does not show it would be reached.
   */
  private marketTraded(symbol: string, price: number, restingAt?: number): void {
    const engine = this.engines.get(symbol);
    if (engine === undefined || engine.restingOrders().length === 0) return;
    const { orders, fills } = engine.trade(fixed(decimalText(price)), DEEP, this.clock(), { through: true, ...(restingAt === undefined ? {} : { restingAt }) });
    const touched = new Set(orders.map((o) => o.orderLinkId));
    for (const orderLinkId of touched) {
      const entry = this.orders.get(orderLinkId);
      if (entry === undefined) continue;
      const update = this.apply(
        entry,
        fills.filter((f) => f.orderId === entry.order.orderId),
      );
      for (const listener of this.listeners) listener(update);
    }
  }

  /** Settles fills on the ledger, frees what they used (and the rest once the order is done). */
  private apply(entry: PaperOrder, fills: Fill[]): VenueUpdate {
    const { base, quote } = entry.instrument;
    const made = fills.map((fill): VenueFill => {
      const side = fill.side === 'Buy' ? 'buy' : 'sell';
      const feeAsset = fill.feeIn === 'base' ? base : quote;
      this.ledger.settle({ side, base, quote, qty: fill.qty, value: fill.value, fee: fill.fee, feeAsset });
      const byQuote = entry.order.marketUnit === 'quoteCoin';
      const used = byQuote ? fill.value : mul(fill.qty, entry.reservedPerUnit);
      const freed = used > entry.reserved ? entry.reserved : used;
      this.ledger.release(entry.reservedAsset, freed);
      entry.reserved -= freed;
      return {
        execId: fill.execId,
        orderLinkId: entry.order.orderLinkId,
        symbol: entry.symbol,
        side,
        price: fixedText(fill.price),
        qty: fixedText(fill.qty),
        fee: fixedText(fill.fee),
        feeAsset,
        liquidity: fill.isMaker ? 'maker' : 'taker',
        time: fill.time,
      };
    });
    entry.fills.push(...made);
    if (!isOpen(entry.order) && entry.reserved > 0n) {
      this.ledger.release(entry.reservedAsset, entry.reserved);
      entry.reserved = 0n;
    }
    return { order: this.state(entry), fills: made };
  }

  private state(entry: PaperOrder): VenueOrderState {
    const { order } = entry;
    return {
      orderLinkId: order.orderLinkId,
      venueOrderId: order.orderId,
      symbol: entry.symbol,
      status: STATUS[order.status],
      cumQty: fixedText(entry.prior.qty + order.cumExecQty),
      cumQuote: fixedText(entry.prior.quote + order.cumExecValue),
      statusReason: order.rejectReason === 'EC_NoError' ? null : order.rejectReason,
    };
  }
}
