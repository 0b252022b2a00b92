import { div, floorToStep, min, mul, type Fixed } from './fixed-decimal.ts';
import { isOpen, type Fill, type OrderRequest, type RejectReason, type Side, type SpotOrder } from './spot-order.ts';

export interface EngineSpec {
  tickSize: Fixed;
  /** basePrecision: every fill is a whole number of lots. */
  lotSize: Fixed;
  makerFeeRate: Fixed;
  takerFeeRate: Fixed;
}

/** Resting liquidity of other traders at one price. */
export interface Level {
  price: Fixed;
  size: Fixed;
}

/** What one call changed: the orders it touched (snapshots, in order) and the fills it made. */
export interface EngineUpdate {
  orders: SpotOrder[];
  fills: Fill[];
}

export interface Amendment {
  /** New total quantity (filled part included). */
  qty?: Fixed;
  price?: Fixed;
}

/**
 * One spot symbol's matching for one account, pure (no I/O, no clock, ids injected). The book has
 * two parts: other traders' liquidity (`setLiquidity`, the levels a market maker quotes around the
 * walk), which incoming orders take as taker, and this account's resting limits, which fill as
 * maker when the market trades through their price (`trade`). The account's own orders never
 * match each other: there is no other account to be the counterparty.
 */
export class SpotMatchingEngine {
  private bids: Level[] = [];
  private asks: Level[] = [];
  /** Open limit orders in arrival (time-priority) order. */
  private readonly resting: SpotOrder[] = [];

  constructor(
    private readonly spec: EngineSpec,
    private readonly nextExecId: () => string,
  ) {}

  /** Replaces other traders' quotes; bids best (highest) first, asks best (lowest) first. */
  setLiquidity(bids: Level[], asks: Level[]): void {
    this.bids = bids.map((l) => ({ ...l }));
    this.asks = asks.map((l) => ({ ...l }));
  }

  liquidity(): { bids: readonly Level[]; asks: readonly Level[] } {
    return { bids: this.bids, asks: this.asks };
  }

  restingOrders(): readonly SpotOrder[] {
    return this.resting;
  }

  submit(request: OrderRequest, lastPrice: Fixed): EngineUpdate {
    const order: SpotOrder = {
      ...request,
      status: 'New',
      rejectReason: 'EC_NoError',
      cancelType: 'UNKNOWN',
      leavesQty: request.qty,
      cumExecQty: 0n,
      cumExecValue: 0n,
      cumExecFee: 0n,
      updatedTime: request.time,
      lastPriceOnCreated: lastPrice,
    };
    const fills = this.enter(order, request.time);
    return { orders: [{ ...order }], fills };
  }

  cancel(order: SpotOrder, time: number): EngineUpdate {
    if (!isOpen(order)) return { orders: [], fills: [] };
    order.cancelType = 'CancelByUser';
    this.close(order, 'EC_PerCancelRequest', time);
    return { orders: [{ ...order }], fills: [] };
  }

  /** Bybit amend: a new price loses time priority, and a price that now crosses trades at once. */
  amend(order: SpotOrder, change: Amendment, time: number): EngineUpdate {
    if (!isOpen(order)) return { orders: [], fills: [] };
    if (change.qty !== undefined) {
      if (change.qty <= order.cumExecQty) throw new RangeError('amended qty must exceed the filled qty');
      order.qty = change.qty;
      order.leavesQty = change.qty - order.cumExecQty;
    }
    order.updatedTime = time;
    if (change.price === undefined || change.price === order.price) return { orders: [{ ...order }], fills: [] };
    order.price = change.price;
    order.time = time;
    this.unrest(order);
    const fills = this.enter(order, time);
    return { orders: [{ ...order }], fills };
  }

  /**
   * The market traded `qty` at `price`: resting buys at or above it and sells at or below it fill
   * at their own price, best price first, then oldest first, until the traded qty is used up.
   * - `restingAt` limits it to orders already resting at that time, for a trade known only to have
   *   happened at some point after it (a candle's high or low);
   * - `through` fills only orders the price went past, not those at it: an order whose place in
   *   the queue is unknown (a paper order) is not shown to be reached by a touch of its price.
   */
  trade(price: Fixed, qty: Fixed, time: number, { restingAt = Infinity, through = false }: { restingAt?: number; through?: boolean } = {}): EngineUpdate {
    const update: EngineUpdate = { orders: [], fills: [] };
    const reached = (o: SpotOrder) => (o.side === 'Buy' ? o.price > price || (!through && o.price === price) : o.price < price || (!through && o.price === price));
    for (const side of ['Buy', 'Sell'] as const) {
      const crossed = this.resting
        .filter((o) => o.side === side && o.time <= restingAt && reached(o))
        .sort((a, b) => {
          if (a.price === b.price) return a.time - b.time;
          const aBetter = side === 'Buy' ? a.price > b.price : a.price < b.price;
          return aBetter ? -1 : 1;
        });
      let left = qty;
      for (const order of crossed) {
        if (left <= 0n) break;
        const take = min(order.leavesQty, left);
        left -= take;
        update.fills.push(this.fill(order, order.price, take, true, time));
        if (order.leavesQty === 0n) this.unrest(order);
        update.orders.push({ ...order });
      }
    }
    return update;
  }

  /** Takes liquidity as far as the order allows, then rests, closes or fills it by type and timeInForce. */
  private enter(order: SpotOrder, time: number): Fill[] {
    const isLimit = order.orderType === 'Limit';
    const plan = this.plan(order);
    if (isLimit && order.timeInForce === 'PostOnly' && plan.length > 0) {
      this.close(order, 'EC_PostOnlyWillTakeLiquidity', time);
      return [];
    }
    if (isLimit && order.timeInForce === 'FOK' && plan.reduce((s, step) => s + step.units, 0n) < order.leavesQty) {
      this.close(order, 'EC_NoEnoughQtyToFill', time);
      return [];
    }
    const fills = plan.map(({ level, qty }) => {
      level.size -= qty;
      return this.fill(order, level.price, qty, false, time);
    });
    const book = this.side(order.side === 'Buy' ? 'Sell' : 'Buy');
    const emptied = book.filter((l) => l.size === 0n);
    for (const level of emptied) book.splice(book.indexOf(level), 1);
    if (order.leavesQty === 0n) return fills;
    if (isLimit && (order.timeInForce === 'GTC' || order.timeInForce === 'PostOnly')) {
      if (!this.resting.includes(order)) this.resting.push(order);
      return fills;
    }
    this.close(order, fills.length > 0 || order.cumExecQty > 0n ? 'EC_CancelForNoFullFill' : 'EC_NoImmediateQtyToFill', time);
    return fills;
  }

  /**
   * The taker fills the order would get, without changing anything: level by level from the best
   * price, up to its limit, each a whole number of lots (a quote-amount market buy buys the lots
   * its remaining amount pays for). `units` is what each fill removes from leavesQty.
   */
  private plan(order: SpotOrder): { level: Level; qty: Fixed; units: Fixed }[] {
    const steps: { level: Level; qty: Fixed; units: Fixed }[] = [];
    const levels = this.side(order.side === 'Buy' ? 'Sell' : 'Buy');
    const byQuote = order.orderType === 'Market' && order.side === 'Buy' && order.marketUnit === 'quoteCoin';
    let leaves = order.leavesQty;
    for (const level of levels) {
      if (leaves <= 0n) break;
      if (order.orderType === 'Limit' && (order.side === 'Buy' ? level.price > order.price : level.price < order.price)) break;
      const wanted = byQuote ? floorToStep(div(leaves, level.price), this.spec.lotSize) : leaves;
      const qty = min(level.size, wanted);
      if (qty <= 0n) break;
      const units = byQuote ? mul(qty, level.price) : qty;
      leaves -= units;
      steps.push({ level, qty, units });
    }
    return steps;
  }

  private fill(order: SpotOrder, price: Fixed, qty: Fixed, isMaker: boolean, time: number): Fill {
    const value = mul(price, qty);
    const feeRate = isMaker ? this.spec.makerFeeRate : this.spec.takerFeeRate;
    const feeIn = order.side === 'Buy' ? 'base' : 'quote';
    const fee = mul(feeIn === 'base' ? qty : value, feeRate);
    const byQuote = order.orderType === 'Market' && order.side === 'Buy' && order.marketUnit === 'quoteCoin';
    order.leavesQty -= byQuote ? value : qty;
    order.cumExecQty += qty;
    order.cumExecValue += value;
    order.cumExecFee += fee;
    order.updatedTime = time;
    if (order.leavesQty === 0n) order.status = 'Filled';
    else if (order.status === 'New') order.status = 'PartiallyFilled';
    return { execId: this.nextExecId(), orderId: order.orderId, side: order.side, price, qty, value, fee, feeIn, feeRate, isMaker, leavesQty: order.leavesQty, time };
  }

  /** Ends an unfilled remainder: Bybit spot says PartiallyFilledCanceled once anything filled. */
  private close(order: SpotOrder, reason: RejectReason, time: number): void {
    order.status = order.cumExecQty > 0n ? 'PartiallyFilledCanceled' : 'Cancelled';
    order.rejectReason = reason;
    order.leavesQty = 0n;
    order.updatedTime = time;
    this.unrest(order);
  }

  private unrest(order: SpotOrder): void {
    const index = this.resting.indexOf(order);
    if (index !== -1) this.resting.splice(index, 1);
  }

  private side(side: Side): Level[] {
    return side === 'Buy' ? this.bids : this.asks;
  }
}
