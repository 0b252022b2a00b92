import { candlesFromColumns, type CandleColumns } from '../backtest/candle-columns.ts';
import { backtestReport } from '../backtest/report.ts';
import type { BacktestConfig } from '../backtest/schemas.ts';
import { createIndicator, parseIndicatorSpec } from '../indicators/index.ts';
import type { StrategyEntry } from '../strategy/registry.ts';
import { reviewParams } from './review-params.ts';
import type { ComparisonSummary, IndicatorSummary, ReviewInput } from './schemas.ts';

/** Trades an advisor is shown: the most recent ones, enough to see a pattern without flooding the prompt. */
const RECENT_TRADES = 20;

/** What the advisor is told it must respect, besides the bounds listed with each param. */
const CONSTRAINTS = [
  'stay inside each parameter bound (min/max inclusive unless the schema says otherwise, integers stay integers, choices from the list)',
  'change as few params as the evidence needs, each at most once',
  'the suggestion is simulated out of sample on candles you are not shown; gains that only fit this window will be rejected',
  'suggestions are never executed: a human approves any change',
];

function summarizeIndicators(cols: CandleColumns, entry: StrategyEntry, params: Record<string, unknown>): IndicatorSummary[] {
  const candles = candlesFromColumns(cols);
  return entry.bind(params).indicators.map((use) => {
    const indicator = createIndicator(parseIndicatorSpec(use));
    const main = indicator.outputs[0]!;
    let last: number | null = null;
    let min = Infinity;
    let max = -Infinity;
    for (const candle of candles) {
      const point = indicator.update(candle);
      const value = point?.values[main];
      if (value === undefined || !Number.isFinite(value)) continue;
      last = value;
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    return { name: use.name, params: use.params, last, min: last === null ? null : min, max: last === null ? null : max };
  });
}

/**
 * The review input for `params` on `cols`, which must be the in-sample window only: the backtest,
 * its recent trades and the indicator summary are computed over exactly these candles, so the
 * advisor is never shown what it will be judged on.
 */
export async function buildReviewInput(
  cols: CandleColumns,
  entry: StrategyEntry,
  params: Record<string, unknown>,
  config: BacktestConfig,
  lastComparison: ComparisonSummary | null,
): Promise<ReviewInput> {
  const bound = entry.bind(params);
  const { report } = await backtestReport(cols, bound, { ...config, recordSeries: false });
  return {
    strategy: { id: entry.id, version: entry.version, name: entry.name, description: entry.description },
    market: { symbol: config.symbol, interval: config.interval },
    window: { from: report.dataset.from, to: report.dataset.to, candles: report.dataset.candles },
    params: reviewParams(entry, bound.params),
    metrics: report.metrics,
    recentTrades: report.trades.slice(-RECENT_TRADES).map((t) => ({
      entryTime: t.entryTime,
      exitTime: t.exitTime,
      entryPrice: t.entryPrice,
      exitPrice: t.exitPrice,
      pnl: t.pnl,
      returnPct: t.returnPct,
      exitReason: t.exitTag === null ? null : (entry.orderTags[t.exitTag] ?? t.exitTag),
    })),
    indicators: summarizeIndicators(cols, entry, bound.params),
    lastComparison,
    constraints: CONSTRAINTS,
  };
}
