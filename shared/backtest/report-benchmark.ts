import type { CandleColumns } from './candle-columns.ts';
import { computeMetrics } from './metrics.ts';
import type { BacktestConfig, Metrics } from './schemas.ts';

export interface BuyAndHold {
  /** Equity at each candle close of the window, like the run's own equity series. */
  equity: Float64Array;
  metrics: Metrics;
}

/**
 * The benchmark a run is read against: the same starting balance spent at the window's first open,
 * under the run's own costs (taker fee taken in base as on Bybit spot, slippage against the buyer),
 * then held and marked at every close. The quantity is not floored to lots, and there is no exit
 * sale (so no second fee): it is a yardstick, not a simulated order.
 */
export function buyAndHold(cols: CandleColumns, config: Pick<BacktestConfig, 'initialQuote' | 'takerFee' | 'slippageBps' | 'interval'>, start = 0, end = cols.length): BuyAndHold {
  if (end <= start) throw new Error(`empty buy-and-hold window [${start}, ${end})`);
  const fillPrice = cols.open[start]! * (1 + config.slippageBps / 10_000);
  const base = (config.initialQuote / fillPrice) * (1 - config.takerFee);
  const equity = new Float64Array(end - start);
  for (let i = start; i < end; i++) equity[i - start] = base * cols.close[i]!;
  const { metrics } = computeMetrics({
    equity,
    initialQuote: config.initialQuote,
    trades: [],
    exposedBars: equity.length,
    feesPaid: config.initialQuote * config.takerFee,
    rejectedOrders: 0,
    interval: config.interval,
    recordDrawdown: false,
  });
  return { equity, metrics };
}
