import { fixed, mul, type Fixed } from '../../../shared/matching/fixed-decimal.ts';
import { SpotMatchingEngine, type EngineUpdate, type Level } from '../../../shared/matching/spot-matching-engine.ts';
import { isOpen, type Fill, type SpotOrder } from '../../../shared/matching/spot-order.ts';
import { SpotWallet } from '../account/spot-wallet.ts';
import type { Clock } from '../clock.ts';
import type { InstrumentSpec } from '../history/instrument-spec.ts';
import { decimalText, decimalsOf } from '../market/decimal-text.ts';
import type { SimMarket } from '../market/sim-market.ts';
import type { WalkTrade } from '../market/symbol-market.ts';
import { checkBaseQty, checkCreate, checkPrice, type CheckedOrder } from './order-params.ts';
import { PublicTape, type PublicTrade } from './public-tape.ts';
import { quoteLadder } from './quote-ladder.ts';
import { RET, refusal, type Refusal } from './spot-ret-codes.ts';

export interface OrderRecord {
  symbol: string;
  spec: InstrumentSpec;
  /** The live order; listeners get snapshots. */
  order: SpotOrder;
}

export interface ExecutionRecord {
  symbol: string;
  spec: InstrumentSpec;
  fill: Fill;
  /** The order as it stood after this fill. */
  order: SpotOrder;
  seq: number;
}

/** Told of every change, in the order it happened: what the private WS pushes. */
export interface ExchangeListener {
  orders(records: OrderRecord[]): void;
  executions(records: ExecutionRecord[]): void;
  wallet(): void;
}

/** One symbol's public book: other traders' quotes and this account's resting limits together. */
export interface PublicBook {
  symbol: string;
  spec: InstrumentSpec;
  /** Best first. */
  bids: Level[];
  asks: Level[];
  /** Bumped on every change of the book (Bybit's update id `u`). */
  u: number;
  /** The trade sequence the book stands after (Bybit's cross sequence `seq`). */
  seq: number;
  /** When the matching engine last changed it (Bybit's `cts`). */
  cts: number;
}

export interface SpotExchangeOptions {
  market: SimMarket;
  clock: Clock;
  /** Starting wallet, coin -> decimal amount. */
  balances: Record<string, string>;
  makerFeeRate: string;
  takerFeeRate: string;
}

export interface CreateParams {
  symbol: string;
  orderLinkId: string | undefined;
  order: Parameters<typeof checkCreate>[0];
}

/** Spot orderIds are 19-digit numbers on Bybit (fixtures/bybit-v5/rest/order/create.json), as are execIds. */
const ORDER_ID_BASE = 1_800_000_000_000_000_000n;
const EXEC_ID_BASE = 2_100_000_000_000_000_000n;

/**
 * The stand-in's one simulated UTA trading spot: a matching engine per symbol fed by the walk
 * (every walk trade may fill resting limits; quotes are re-laid around the walk after it moves),
 * the wallet, and every order and fill ever made, for the REST queries and the private pushes.
 */
export class SpotExchange {
  private readonly engines = new Map<string, SpotMatchingEngine>();
  private readonly quotedAt = new Map<string, number>();
  private readonly tapes = new Map<string, PublicTape>();
  private readonly bookVersions = new Map<string, { u: number; cts: number }>();
  private readonly orders: OrderRecord[] = [];
  private readonly byId = new Map<string, OrderRecord>();
  private readonly byLinkId = new Map<string, OrderRecord>();
  private readonly executionLog: ExecutionRecord[] = [];
  private readonly listeners = new Set<ExchangeListener>();
  readonly wallet: SpotWallet;
  private orderCount = 0n;
  private execCount = 0n;
  private seq = 0;

  constructor(private readonly options: SpotExchangeOptions) {
    this.wallet = new SpotWallet(options.balances);
    const rates = { makerFeeRate: fixed(options.makerFeeRate), takerFeeRate: fixed(options.takerFeeRate) };
    for (const sym of options.market.all()) {
      const engine = new SpotMatchingEngine(
        { tickSize: fixed(sym.spec.tickSize), lotSize: fixed(sym.spec.basePrecision), ...rates },
        () => String(EXEC_ID_BASE + ++this.execCount),
      );
      this.engines.set(sym.symbol, engine);
      this.tapes.set(sym.symbol, new PublicTape());
      this.bookVersions.set(sym.symbol, { u: 0, cts: options.clock.now() });
      // The market played up to the start before the exchange listened: its tape starts with those trades.
      for (const trade of sym.recentTrades()) this.recordWalkTrade(sym.symbol, trade);
      sym.onTrade = (trade) => this.onWalkTrade(sym.symbol, trade);
    }
  }

  get feeRates(): { makerFeeRate: string; takerFeeRate: string } {
    return { makerFeeRate: this.options.makerFeeRate, takerFeeRate: this.options.takerFeeRate };
  }

  subscribe(listener: ExchangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  symbols(): string[] {
    return this.options.market.symbols();
  }

  spec(symbol: string): InstrumentSpec | undefined {
    return this.options.market.get(symbol)?.spec;
  }

  /** Plays the walk up to now: resting orders may fill on the way. */
  sync(): number {
    const now = this.options.clock.now();
    this.options.market.advance(now);
    return now;
  }

  /** The public book to `depth` levels a side, as of now. */
  book(symbol: string, depth: number): PublicBook | undefined {
    const spec = this.spec(symbol);
    if (!spec) return undefined;
    const engine = this.quoted(symbol);
    const { bids, asks } = engine.liquidity();
    const own = engine.restingOrders();
    const merge = (levels: readonly Level[], side: 'Buy' | 'Sell') => {
      const sizes = new Map<Fixed, Fixed>(levels.map((l) => [l.price, l.size]));
      for (const o of own) if (o.side === side) sizes.set(o.price, (sizes.get(o.price) ?? 0n) + o.leavesQty);
      const merged = [...sizes].map(([price, size]) => ({ price, size }));
      merged.sort((a, b) => (a.price === b.price ? 0 : (side === 'Buy' ? a.price < b.price : a.price > b.price) ? 1 : -1));
      return merged.slice(0, depth);
    };
    const version = this.bookVersions.get(symbol)!;
    return { symbol, spec, bids: merge(bids, 'Buy'), asks: merge(asks, 'Sell'), u: version.u, seq: this.tape(symbol).lastSeq, cts: version.cts };
  }

  /** Public trades after `seq`, oldest first. */
  tradesSince(symbol: string, seq: number): PublicTrade[] {
    return this.tape(symbol).since(seq);
  }

  recentTrades(symbol: string, limit: number): PublicTrade[] {
    return this.tape(symbol).recent(limit);
  }

  /**
   * The symbol's engine with other traders' quotes laid around the walk's current price. Laid on
   * demand, after the walk moved, so a tick costs nothing for symbols nobody trades or watches.
   */
  private quoted(symbol: string): SpotMatchingEngine {
    const sym = this.options.market.get(symbol)!;
    const engine = this.engine(symbol);
    if (this.quotedAt.get(symbol) !== sym.sequence) {
      this.quotedAt.set(symbol, sym.sequence);
      const { bids, asks } = quoteLadder(sym.spec, sym.bookTop());
      engine.setLiquidity(bids, asks);
      this.bumpBook(symbol);
    }
    return engine;
  }

  private bumpBook(symbol: string): void {
    const version = this.bookVersions.get(symbol)!;
    version.u += 1;
    version.cts = this.options.clock.now();
  }

  private tape(symbol: string): PublicTape {
    return this.tapes.get(symbol)!;
  }

  create({ symbol, orderLinkId, order: body }: CreateParams): OrderRecord | Refusal {
    const now = this.sync();
    const spec = this.spec(symbol);
    if (!spec) return refusal(RET.invalidSymbol);
    const checked = checkCreate(body, spec);
    if ('retCode' in checked) return checked;
    if (orderLinkId !== undefined && this.byLinkId.has(orderLinkId)) return refusal(RET.duplicateLinkId);
    if (this.cost(symbol, checked) > this.available(checked.side === 'Buy' ? spec.quoteCoin : spec.baseCoin)) {
      return refusal(RET.balanceInsufficient);
    }
    const orderId = String(ORDER_ID_BASE + ++this.orderCount);
    const lastPrice = fixed(decimalText(this.options.market.get(symbol)!.lastPrice(), decimalsOf(spec.tickSize)));
    const update = this.quoted(symbol).submit({ orderId, orderLinkId: orderLinkId ?? '', time: now, ...checked }, lastPrice);
    const live = this.engine(symbol).restingOrders().find((o) => o.orderId === orderId) ?? update.orders[0]!;
    const record: OrderRecord = { symbol, spec, order: live };
    this.orders.push(record);
    this.byId.set(orderId, record);
    if (orderLinkId !== undefined) this.byLinkId.set(orderLinkId, record);
    this.apply(symbol, spec, update);
    return record;
  }

  amend(ref: OrderRef, change: { qty?: string; price?: string }): OrderRecord | Refusal {
    const now = this.sync();
    const record = this.find(ref);
    if (!record || !isOpen(record.order)) return refusal(RET.orderNotExist);
    const { order, spec, symbol } = record;
    const qty = change.qty === undefined ? undefined : fixed(change.qty);
    const price = change.price === undefined ? undefined : fixed(change.price);
    const invalid = (qty !== undefined ? checkBaseQty(qty, spec) : null) ?? (price !== undefined ? checkPrice(price, spec) : null);
    if (invalid) return invalid;
    if (qty !== undefined && qty <= order.cumExecQty) return refusal(RET.amendQtyBelowFilled);
    const newLeaves = qty === undefined ? order.leavesQty : qty - order.cumExecQty;
    const lockNow = order.side === 'Buy' ? mul(order.leavesQty, order.price) : order.leavesQty;
    const lockAfter = order.side === 'Buy' ? mul(newLeaves, price ?? order.price) : newLeaves;
    if (lockAfter - lockNow > this.available(order.side === 'Buy' ? spec.quoteCoin : spec.baseCoin)) return refusal(RET.balanceInsufficient);
    this.apply(symbol, spec, this.quoted(symbol).amend(order, { ...(qty === undefined ? {} : { qty }), ...(price === undefined ? {} : { price }) }, now));
    return record;
  }

  cancel(ref: OrderRef): OrderRecord | Refusal {
    const now = this.sync();
    const record = this.find(ref);
    if (!record || !isOpen(record.order)) return refusal(RET.orderNotExist);
    this.apply(record.symbol, record.spec, this.engine(record.symbol).cancel(record.order, now));
    return record;
  }

  cancelAll(symbol: string | undefined): OrderRecord[] {
    const now = this.sync();
    const open = this.orders.filter((r) => isOpen(r.order) && (symbol === undefined || r.symbol === symbol));
    for (const record of open) this.apply(record.symbol, record.spec, this.engine(record.symbol).cancel(record.order, now));
    return open;
  }

  /** Every order, newest first. */
  allOrders(): OrderRecord[] {
    this.sync();
    return [...this.orders].reverse();
  }

  find(ref: OrderRef): OrderRecord | undefined {
    const record = ref.orderId !== undefined ? this.byId.get(ref.orderId) : ref.orderLinkId !== undefined ? this.byLinkId.get(ref.orderLinkId) : undefined;
    if (!record || record.symbol !== ref.symbol) return undefined;
    if (ref.orderLinkId !== undefined && record.order.orderLinkId !== ref.orderLinkId) return undefined;
    return record;
  }

  /** Every fill, newest first. */
  executions(): ExecutionRecord[] {
    this.sync();
    return [...this.executionLog].reverse();
  }

  /** A deposit into the account, as a transfer from outside trading would make: the balance moves, a wallet push goes out. */
  deposit(coin: string, amount: string): void {
    this.wallet.credit(coin, fixed(amount));
    for (const listener of this.listeners) listener.wallet();
  }

  available(coin: string): Fixed {
    return this.wallet.balance(coin) - this.locked(coin);
  }

  /** Only resting limits lock funds, and the engines hold exactly those: no walk over every order ever made. */
  locked(coin: string): Fixed {
    const resting = [...this.engines].flatMap(([symbol, engine]) => engine.restingOrders().map((order) => ({ pair: this.spec(symbol)!, order })));
    return this.wallet.locked(coin, resting);
  }

  /** Last price of the coin in USDT (directly, or through one cross such as ETH via ETHBTC x BTCUSDT). */
  usdPrice(coin: string): Fixed {
    if (coin === 'USDT' || coin === 'USDC') return fixed('1');
    const last = (sym: { lastPrice(): number; spec: InstrumentSpec }) => fixed(decimalText(sym.lastPrice(), decimalsOf(sym.spec.tickSize)));
    const direct = this.options.market.get(`${coin}USDT`);
    if (direct) return last(direct);
    for (const sym of this.options.market.all()) {
      const via = sym.spec.baseCoin === coin ? this.options.market.get(`${sym.spec.quoteCoin}USDT`) : undefined;
      if (via) return mul(last(sym), last(via));
    }
    return 0n;
  }

  /** What the order may spend, in the coin it pays with; a base-quantity market buy is costed against the asks. */
  private cost(symbol: string, order: CheckedOrder): Fixed {
    if (order.side === 'Sell') return order.qty;
    if (order.orderType === 'Limit') return mul(order.qty, order.price);
    if (order.marketUnit === 'quoteCoin') return order.qty;
    let left = order.qty;
    let cost = 0n;
    for (const level of this.quoted(symbol).liquidity().asks) {
      const take = left < level.size ? left : level.size;
      cost += mul(take, level.price);
      left -= take;
      if (left === 0n) break;
    }
    return cost;
  }

  private onWalkTrade(symbol: string, trade: WalkTrade): void {
    const { price, qty } = this.recordWalkTrade(symbol, trade);
    const engine = this.engine(symbol);
    if (engine.restingOrders().length > 0) this.apply(symbol, this.spec(symbol)!, engine.trade(price, qty, trade.time));
  }

  private recordWalkTrade(symbol: string, trade: WalkTrade): { price: Fixed; qty: Fixed } {
    const spec = this.spec(symbol)!;
    const price = fixed(decimalText(trade.price, decimalsOf(spec.tickSize)));
    const qty = fixed(decimalText(trade.qty, decimalsOf(spec.basePrecision)));
    this.tape(symbol).record({ execId: this.nextTradeId(), price, qty, time: trade.time });
    return { price, qty };
  }

  private nextTradeId(): string {
    return String(EXEC_ID_BASE + ++this.execCount);
  }

  private apply(symbol: string, spec: InstrumentSpec, update: EngineUpdate): void {
    if (update.orders.length === 0 && update.fills.length === 0) return;
    this.bumpBook(symbol);
    const executions: ExecutionRecord[] = [];
    for (const fill of update.fills) {
      this.wallet.settle(spec, fill);
      // A maker fill is part of a walk trade already on the tape; a taker fill is a trade of its own.
      if (!fill.isMaker) this.tape(symbol).record({ execId: fill.execId, price: fill.price, qty: fill.qty, time: fill.time, side: fill.side });
      const order = this.byId.get(fill.orderId)?.order;
      const execution: ExecutionRecord = { symbol, spec, fill, order: { ...(order ?? update.orders.find((o) => o.orderId === fill.orderId)!) }, seq: ++this.seq };
      this.executionLog.push(execution);
      executions.push(execution);
    }
    const orders = update.orders.map((order) => ({ symbol, spec, order }));
    for (const listener of this.listeners) {
      if (executions.length > 0) listener.executions(executions);
      listener.orders(orders);
      listener.wallet();
    }
  }

  private engine(symbol: string): SpotMatchingEngine {
    const engine = this.engines.get(symbol);
    if (!engine) throw new Error(`no matching engine for ${symbol}`);
    return engine;
  }
}

export interface OrderRef {
  symbol: string;
  orderId?: string | undefined;
  orderLinkId?: string | undefined;
}
