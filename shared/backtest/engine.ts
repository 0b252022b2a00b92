import type { CandleColumns } from './candle-columns.ts';
import { Ledger } from './ledger.ts';
import { computeMetrics } from './metrics.ts';
import { FILL_MODEL_DESCRIPTION, type Assumptions, type BacktestConfig, type Metrics, type Rejection, type Trade } from './schemas.ts';
import type { MarketIntent, OrderIntent, Side } from '../strategy/intents.ts';
import { floorSteps } from '../strategy/decimal-step.ts';
import { compileRules, fillPriceTicks, limitPriceTicks, priceOf, sizeOrder } from '../strategy/order-rules.ts';
import type { OhlcvCandle } from '../market/schemas.ts';
import type { BoundStrategy, PositionView } from '../strategy/strategy.ts';

/** Trading window [start, end) in candle indices; candles before `start` only warm the strategy up. */
export interface RunRange {
  start?: number;
  end?: number;
}

export interface BacktestResult {
  metrics: Metrics;
  trades: Trade[];
  rejections: Rejection[];
  assumptions: Assumptions;
  start: number;
  end: number;
  /** Equity at each candle close in [start, end); null when series recording is off. */
  equity: Float64Array | null;
  drawdown: Float64Array | null;
  /**
   * Base left below one lot when the run ends flat (buy fees are taken in base, so a sell-all can
   * leave a fraction of a lot). It counts in equity but in no trade's pnl; 0 while a trade is open.
   */
  dust: number;
}

interface RestingOrder {
  ticks: number;
  /** `ticks` as the double nearest its decimal, what candle highs and lows are compared with. */
  price: number;
  lots: number;
  /** Quote locked for a buy limit. */
  reserved: number;
  expiresAfter: number;
}

const MAX_REJECTIONS_KEPT = 200;

/**
 * Event-driven, deterministic backtest over closed candles. For each candle i: first the orders
 * decided on earlier candles are filled against candle i (market at its open, then resting stops,
 * then resting limits), then the strategy sees candle i closed and decides; its orders can only
 * fill from candle i+1. So no decision can use a price it could not have seen.
 */
export function runBacktest(cols: CandleColumns, strategy: BoundStrategy, config: BacktestConfig, range: RunRange = {}): BacktestResult {
  const end = Math.min(range.end ?? cols.length, cols.length);
  const start = Math.max(0, Math.min(range.start ?? 0, end));
  const feedFrom = Math.max(0, start - strategy.warmupBars);
  const rules = compileRules(config.instrument);
  const ledger = new Ledger(config.initialQuote, rules);
  const slip = config.slippageBps / 10_000;
  const rejections: Rejection[] = [];
  let rejectedCount = 0;
  const reject = (time: number, reason: string, message: string) => {
    rejectedCount++;
    if (rejections.length < MAX_REJECTIONS_KEPT) rejections.push({ time, reason, message });
  };

  const bars = end - start;
  const equity = new Float64Array(bars);
  let exposedBars = 0;

  const { openTime, open, high, low, close, volume } = cols;
  const candle: OhlcvCandle = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const position: PositionView = { base: 0, entryPrice: NaN };
  let pendingMarket: MarketIntent[] = [];
  // One resting order per kind and side: a new one replaces the old (as an amend would live).
  const book: { buyLimit: RestingOrder | null; sellLimit: RestingOrder | null; stop: RestingOrder | null } = {
    buyLimit: null,
    sellLimit: null,
    stop: null,
  };
  let state = strategy.init();

  // Sizing, rounding and exchange-limit checks go through the same function the live runner uses.
  const funds = { freeQuote: 0, baseLots: 0 };
  const size = (side: Side, fraction: number, ticks: number) => {
    funds.freeQuote = ledger.cash;
    funds.baseLots = ledger.baseLots;
    return sizeOrder(side, fraction, ticks, funds, rules);
  };
  const marketFill = (intent: MarketIntent, i: number) => {
    const time = openTime[i]!;
    const buy = intent.side === 'buy';
    // Fill prices land on the tick grid, rounded against the trader (buys up, sells down).
    const ticks = fillPriceTicks(open[i]! * (buy ? 1 + slip : 1 - slip), intent.side, rules);
    const order = size(intent.side, intent.fraction, ticks);
    if (!order.ok) return reject(time, order.reason, `market ${order.message}`);
    if (buy) ledger.buy(time, order.lots, ticks, config.takerFee, 0);
    else ledger.sell(time, order.lots, ticks, config.takerFee);
  };

  const place = (intent: OrderIntent, i: number) => {
    const time = openTime[i]!;
    switch (intent.type) {
      case 'market':
        pendingMarket.push(intent);
        return;
      case 'cancel':
        if (intent.side !== 'sell') book.buyLimit = release(ledger, book.buyLimit);
        if (intent.side !== 'buy') {
          book.sellLimit = null;
          book.stop = null;
        }
        return;
      case 'limit': {
        if (intent.side === 'buy') book.buyLimit = release(ledger, book.buyLimit);
        const order = size(intent.side, intent.fraction, limitPriceTicks(intent.price, intent.side, rules));
        if (!order.ok) return reject(time, order.reason, `limit ${order.message}`);
        const price = priceOf(order.ticks, rules);
        const resting = { ticks: order.ticks, price, lots: order.lots, reserved: 0, expiresAfter: intent.ttlBars === undefined ? Infinity : i + intent.ttlBars };
        if (intent.side === 'buy') {
          // Lock the quote like the exchange does, so it cannot fund a second order (no fee: it is paid in base).
          resting.reserved = ledger.valueOf(order.lots, order.ticks);
          ledger.cash -= resting.reserved;
          ledger.reservedQuote += resting.reserved;
          book.buyLimit = resting;
        } else book.sellLimit = resting;
        return;
      }
      case 'stop': {
        const order = size('sell', intent.fraction, floorSteps(intent.stopPrice, rules.tick));
        if (!order.ok) return reject(time, order.reason, `stop ${order.message}`);
        book.stop = { ticks: order.ticks, price: priceOf(order.ticks, rules), lots: order.lots, reserved: 0, expiresAfter: Infinity };
        return;
      }
    }
  };

  for (let i = feedFrom; i < end; i++) {
    const trading = i >= start;
    if (trading) {
      if (pendingMarket.length > 0) {
        for (const intent of pendingMarket) marketFill(intent, i);
        pendingMarket = [];
      }
      if (book.buyLimit !== null && i > book.buyLimit.expiresAfter) book.buyLimit = release(ledger, book.buyLimit);
      if (book.sellLimit !== null && i > book.sellLimit.expiresAfter) book.sellLimit = null;
      // Stops before limits: when both could trigger inside one candle, assume the worse path.
      if (book.stop !== null && low[i]! <= book.stop.price) {
        const lots = Math.min(book.stop.lots, ledger.baseLots);
        const ticks = fillPriceTicks(Math.min(open[i]!, book.stop.price) * (1 - slip), 'sell', rules);
        if (lots > 0) ledger.sell(openTime[i]!, lots, ticks, config.takerFee);
        book.stop = null;
      }
      if (book.buyLimit !== null && low[i]! < book.buyLimit.price) {
        ledger.buy(openTime[i]!, book.buyLimit.lots, book.buyLimit.ticks, config.makerFee, book.buyLimit.reserved);
        book.buyLimit = null;
      }
      if (book.sellLimit !== null && high[i]! > book.sellLimit.price) {
        const lots = Math.min(book.sellLimit.lots, ledger.baseLots);
        if (lots > 0) ledger.sell(openTime[i]!, lots, book.sellLimit.ticks, config.makerFee);
        book.sellLimit = null;
      }
      if (ledger.baseLots === 0) book.stop = null;
    }

    candle.openTime = openTime[i]!;
    candle.open = open[i]!;
    candle.high = high[i]!;
    candle.low = low[i]!;
    candle.close = close[i]!;
    candle.volume = volume[i]!;
    position.base = ledger.base;
    position.entryPrice = ledger.entryPrice;
    const result = strategy.step(state, candle, position);
    state = result.state;
    if (!trading) continue;
    for (const intent of result.intents) place(intent, i);
    equity[i - start] = ledger.equity(close[i]!);
    if (ledger.baseLots > 0) exposedBars++;
  }

  const trades = ledger.trades.slice();
  const openTrade = bars > 0 ? ledger.openTradeMarked(close[end - 1]!) : null;
  if (openTrade) trades.push(openTrade);
  const { metrics, drawdown } = computeMetrics({
    equity,
    initialQuote: config.initialQuote,
    trades,
    exposedBars,
    feesPaid: ledger.feesPaid,
    rejectedOrders: rejectedCount,
    interval: config.interval,
  });
  return {
    metrics,
    trades,
    rejections,
    assumptions: assumptionsOf(config),
    start,
    end,
    equity: config.recordSeries ? equity : null,
    drawdown: config.recordSeries ? drawdown : null,
    dust: openTrade ? 0 : ledger.dust,
  };
}

export function assumptionsOf(config: BacktestConfig): Assumptions {
  return {
    initialQuote: config.initialQuote,
    makerFee: config.makerFee,
    takerFee: config.takerFee,
    slippageBps: config.slippageBps,
    fillModel: FILL_MODEL_DESCRIPTION,
    instrument: config.instrument,
  };
}

function release(ledger: Ledger, order: RestingOrder | null): null {
  if (order !== null && order.reserved > 0) {
    ledger.reservedQuote -= order.reserved;
    ledger.cash += order.reserved;
  }
  return null;
}
