import type { BacktestResult } from './engine.ts';
import { computeMetrics } from './metrics.ts';
import type { BacktestConfig, Metrics } from './schemas.ts';

/**
 * Metrics of consecutive window runs chained into one: each run started from the initial balance,
 * so its equity curve, trade pnl and fees are scaled by the equity the previous windows ended
 * with over that balance, as if the account had carried over (lot rounding aside; a position still
 * open at a window's end is marked at its last close, as the window's own report does).
 * Every run must have recorded its equity series.
 */
export function stitchWindowMetrics(runs: readonly BacktestResult[], config: BacktestConfig): Metrics {
  const bars = runs.reduce((sum, r) => sum + (r.end - r.start), 0);
  const equity = new Float64Array(bars);
  const trades: BacktestResult['trades'] = [];
  let offset = 0;
  let factor = 1;
  let exposedBars = 0;
  let feesPaid = 0;
  let rejectedOrders = 0;
  for (const run of runs) {
    if (!run.equity) throw new Error('stitching window runs needs their equity series (recordSeries: true)');
    const n = run.end - run.start;
    for (let k = 0; k < n; k++) equity[offset + k] = run.equity[k]! * factor;
    for (const t of run.trades) trades.push({ ...t, pnl: t.pnl * factor, fees: t.fees * factor });
    exposedBars += Math.round(run.metrics.exposure * n);
    feesPaid += run.metrics.feesPaid * factor;
    rejectedOrders += run.metrics.rejectedOrders;
    offset += n;
    factor *= run.metrics.finalEquity / config.initialQuote;
  }
  return computeMetrics({ equity, initialQuote: config.initialQuote, trades, exposedBars, feesPaid, rejectedOrders, interval: config.interval, recordDrawdown: false }).metrics;
}
