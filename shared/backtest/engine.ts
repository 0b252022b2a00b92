import type { CandleColumns } from './candle-columns.ts';
import { CandleVenue } from './candle-venue.ts';
import { computeMetrics } from './metrics.ts';
import { FILL_MODEL_DESCRIPTION, type Assumptions, type BacktestConfig, type Metrics, type Rejection, type Trade } from './schemas.ts';
import { StrategyRunner } from '../kernel/runner.ts';
import { compileRules } from '../strategy/order-rules.ts';
import type { OhlcvCandle } from '../market/schemas.ts';
import type { BoundStrategy } from '../strategy/strategy.ts';

/**
 * Equity of a metrics-only run is read once, by computeMetrics, and never returned, so one buffer
 * serves every such run in this thread: a sweep's thousands of runs then allocate (and the
 * collector frees) no 100k-candle array each. Runs are synchronous, so no two share it at once.
 */
let scratchEquity = new Float64Array(0);

function metricsOnlyEquity(bars: number): Float64Array {
  if (scratchEquity.length < bars) scratchEquity = new Float64Array(bars);
  return scratchEquity.subarray(0, bars);
}

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

/**
 * Event-driven, deterministic backtest over closed candles: the kernel's runner over the candle
 * venue. For each candle i the venue first fills what was decided on earlier candles against
 * candle i, then the runner shows the strategy candle i closed and hands its orders to the venue,
 * where they can only fill from candle i+1. So no decision can use a price it could not have seen.
 * `runId` names the run in the orders' idempotency keys.
 */
export function runBacktest(cols: CandleColumns, strategy: BoundStrategy, config: BacktestConfig, range: RunRange = {}, runId = 'backtest'): BacktestResult {
  const end = Math.min(range.end ?? cols.length, cols.length);
  const start = Math.max(0, Math.min(range.start ?? 0, end));
  const feedFrom = Math.max(0, start - strategy.warmupBars);
  const rules = compileRules(config.instrument);
  const venue = new CandleVenue(config, rules);
  const runner = new StrategyRunner({ strategy, runId, rules, venue });
  const { account } = venue;

  const bars = end - start;
  const equity = config.recordSeries ? new Float64Array(bars) : metricsOnlyEquity(bars);
  let exposedBars = 0;

  const { openTime, open, high, low, close, volume } = cols;
  const candle: OhlcvCandle = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  for (let i = feedFrom; i < end; i++) {
    candle.openTime = openTime[i]!;
    candle.open = open[i]!;
    candle.high = high[i]!;
    candle.low = low[i]!;
    candle.close = close[i]!;
    candle.volume = volume[i]!;
    if (i < start) {
      runner.warmUp(candle);
      continue;
    }
    venue.match(i, candle.openTime, candle.open, candle.high, candle.low);
    runner.onClosedCandle(candle);
    equity[i - start] = account.equity(candle.close);
    if (account.holding.baseLots > 0) exposedBars++;
  }

  const { book } = runner;
  const trades = book.trades.slice();
  const openTrade = bars > 0 ? book.openTradeMarked(close[end - 1]!) : null;
  if (openTrade) trades.push(openTrade);
  const { metrics, drawdown } = computeMetrics({
    equity,
    initialQuote: config.initialQuote,
    trades,
    exposedBars,
    feesPaid: book.feesPaid,
    rejectedOrders: runner.rejectedCount,
    interval: config.interval,
    recordDrawdown: config.recordSeries,
  });
  return {
    metrics,
    trades,
    rejections: runner.rejections,
    assumptions: assumptionsOf(config),
    start,
    end,
    equity: config.recordSeries ? equity : null,
    drawdown,
    dust: openTrade ? 0 : account.dust,
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
