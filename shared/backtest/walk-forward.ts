import type { CandleColumns } from './candle-columns.ts';
import { runBacktest, type BacktestResult } from './engine.ts';
import { stitchWindowMetrics } from './stitch-windows.ts';
import type { BacktestConfig, CandleSpan, ComparisonConfig, Metrics, ScoreMetric, WalkForwardReport, WalkForwardWindow } from './schemas.ts';
import { searchParams } from '../optimize/search-params.ts';
import type { StrategyEntry } from '../strategy/registry.ts';

/** Train/test index ranges of the rolling windows (see WalkForwardConfigSchema). */
export function walkForwardSpans(n: number, windows: number, trainRatio: number): { train: [number, number]; test: [number, number] }[] {
  const testBars = Math.floor(n / (windows + trainRatio));
  const trainBars = n - windows * testBars;
  if (testBars < 2) throw new Error(`not enough candles (${n}) for ${windows} walk-forward test windows after training windows ${trainRatio}x as long`);
  return Array.from({ length: windows }, (_, i) => {
    const start = i * testBars;
    return { train: [start, start + trainBars], test: [start + trainBars, start + trainBars + testBars] };
  });
}

const spanOf = (cols: CandleColumns, [start, end]: [number, number]): CandleSpan => ({ start, end, from: cols.openTime[start]!, to: cols.openTime[end - 1]! });

/**
 * Walk-forward efficiency: stitched out-of-sample score over the mean in-sample score of the
 * fitted params. Sharpe is annualised, so windows of any length compare directly; net return is
 * compared per candle (a training window is longer than its test window). null when the mean
 * in-sample score is not positive: there is no edge whose survival could be measured.
 */
export function walkForwardEfficiency(windows: readonly Pick<WalkForwardWindow, 'train' | 'test' | 'inSample'>[], stitchedFitted: Metrics, score: ScoreMetric): number | null {
  const bars = (s: CandleSpan) => s.end - s.start;
  const perCandle = score === 'netReturn';
  const inSample = windows.reduce((sum, w) => sum + (perCandle ? w.inSample.netReturn / bars(w.train) : w.inSample.sharpe), 0) / windows.length;
  const testBars = windows.reduce((sum, w) => sum + bars(w.test), 0);
  const outOfSample = perCandle ? stitchedFitted.netReturn / testBars : stitchedFitted.sharpe;
  return inSample > 0 ? outOfSample / inSample : null;
}

/**
 * Re-fits on each rolling training window with a seeded bounded search over that window only
 * (the baseline's and candidate's params are among the candidates; sets with fewer than
 * `cmp.minTrades` trades there rank last), then runs the fitted params,
 * the baseline and the candidate on the unseen test window after it. No test window's candles
 * reach its own fit: a fit scores [train.start, train.end) and warms up only on earlier candles.
 */
export function walkForward(
  cols: CandleColumns,
  entry: StrategyEntry,
  baselineParams: Record<string, unknown>,
  candidateParams: Record<string, unknown>,
  config: BacktestConfig,
  cmp: ComparisonConfig,
): WalkForwardReport {
  const wf = cmp.walkForward;
  const quiet: BacktestConfig = { ...config, recordSeries: false };
  const recorded: BacktestConfig = { ...config, recordSeries: true };
  const runs: { fitted: BacktestResult; baseline: BacktestResult; candidate: BacktestResult }[] = [];
  const windows = walkForwardSpans(cols.length, wf.windows, wf.trainRatio).map(({ train, test }): WalkForwardWindow => {
    const fit = searchParams(cols, entry, quiet, {
      range: { start: train[0], end: train[1] },
      candidates: wf.candidates,
      seed: wf.seed,
      score: cmp.score,
      base: candidateParams,
      include: [candidateParams, baselineParams],
      minTrades: cmp.minTrades,
    });
    const onTest = (params: Record<string, unknown>) => runBacktest(cols, entry.bind(params), recorded, { start: test[0], end: test[1] });
    const run = { fitted: onTest(fit.best.params), baseline: onTest(baselineParams), candidate: onTest(candidateParams) };
    runs.push(run);
    return {
      train: spanOf(cols, train),
      test: spanOf(cols, test),
      fittedParams: fit.best.params,
      inSample: fit.best.metrics,
      outOfSample: run.fitted.metrics,
      baseline: run.baseline.metrics,
      candidate: run.candidate.metrics,
      candidatesScored: fit.ranked.length,
      candidatesRefused: fit.refused,
    };
  });
  const stitched = {
    fitted: stitchWindowMetrics(runs.map((r) => r.fitted), config),
    baseline: stitchWindowMetrics(runs.map((r) => r.baseline), config),
    candidate: stitchWindowMetrics(runs.map((r) => r.candidate), config),
  };
  const efficiency = walkForwardEfficiency(windows, stitched.fitted, cmp.score);
  return { mode: 'rolling', windows, stitched, efficiency, overfitting: efficiency !== null && efficiency < wf.minEfficiency };
}
