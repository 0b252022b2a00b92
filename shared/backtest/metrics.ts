import { INTERVAL_MS, type Interval } from '../market/interval.ts';
import type { Metrics, Trade } from './schemas.ts';

const YEAR_MS = 365 * 24 * 60 * 60_000;

/** Candles in a 365-day year of a 24/7 market: the Sharpe ratio's annualisation is its square root. */
export function barsPerYear(interval: Interval): number {
  return YEAR_MS / INTERVAL_MS[interval];
}

export interface MetricsInput {
  /** Equity at each candle close of the trading window. */
  equity: Float64Array;
  initialQuote: number;
  /** Closed trades, plus the open one (exitTime null) marked at the last close. */
  trades: readonly Trade[];
  exposedBars: number;
  feesPaid: number;
  rejectedOrders: number;
  interval: Interval;
  /** Whether to return the drawdown series; a metrics-only run (a sweep's) skips allocating it. */
  recordDrawdown: boolean;
}

export function computeMetrics(input: MetricsInput): { metrics: Metrics; drawdown: Float64Array | null } {
  const { equity, initialQuote } = input;
  const n = equity.length;
  const drawdown = input.recordDrawdown ? new Float64Array(n) : null;
  let peak = initialQuote;
  let maxDrawdown = 0;
  // Per-candle returns, starting from the initial balance (Welford for a stable variance).
  let prev = initialQuote;
  let mean = 0;
  let m2 = 0;
  for (let k = 0; k < n; k++) {
    const e = equity[k]!;
    if (e > peak) peak = e;
    const dd = (peak - e) / peak;
    if (drawdown !== null) drawdown[k] = dd;
    if (dd > maxDrawdown) maxDrawdown = dd;
    const r = e / prev - 1;
    prev = e;
    const delta = r - mean;
    mean += delta / (k + 1);
    m2 += delta * (r - mean);
  }
  const std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  const sharpe = std > 0 ? (mean / std) * Math.sqrt(barsPerYear(input.interval)) : 0;

  let wins = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let closed = 0;
  for (const t of input.trades) {
    if (t.exitTime === null) continue;
    closed++;
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else grossLoss -= t.pnl;
  }
  const finalEquity = n > 0 ? equity[n - 1]! : initialQuote;
  return {
    drawdown,
    metrics: {
      netReturn: finalEquity / initialQuote - 1,
      maxDrawdown,
      winRate: closed > 0 ? wins / closed : null,
      sharpe,
      tradeCount: input.trades.length,
      profitFactor: grossLoss > 0 ? grossProfit / grossLoss : null,
      exposure: n > 0 ? input.exposedBars / n : 0,
      feesPaid: input.feesPaid,
      finalEquity,
      rejectedOrders: input.rejectedOrders,
    },
  };
}
