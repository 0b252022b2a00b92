import type { CandleColumns } from './candle-columns.ts';
import { assumptionsOf, runBacktest } from './engine.ts';
import { datasetRange } from './report.ts';
import { checkCandleSpacing } from './candle-spacing.ts';
import type { BacktestConfig, ComparisonConfig, ComparisonReport, Metrics, Verdict } from './schemas.ts';
import type { BoundStrategy } from '../strategy/strategy.ts';

/** Candidate out-of-sample drawdown may exceed the baseline's by at most this (absolute fraction). */
const DRAWDOWN_TOLERANCE = 0.05;
/** Share of walk-forward folds the candidate must win to be called better. */
const FOLD_WIN_SHARE = 0.6;

interface Pair {
  baseline: Metrics;
  candidate: Metrics;
}

/**
 * Baseline vs candidate parameters of one strategy on the same candles: an in-sample window, the
 * following out-of-sample window, and contiguous walk-forward folds over the whole range (each
 * window warms the strategy up on the candles before it, never trading on them). The candidate is
 * only "better" when it wins out of sample, in most folds, without a worse drawdown; in-sample
 * gains that do not carry over raise the overfitting flag.
 */
export function compareParams(
  cols: CandleColumns,
  baseline: BoundStrategy,
  candidate: BoundStrategy,
  config: BacktestConfig,
  cmp: ComparisonConfig,
): ComparisonReport {
  if (baseline.id !== candidate.id || baseline.version !== candidate.version) {
    throw new Error(`compare one strategy version with itself: got ${baseline.id}@${baseline.version} vs ${candidate.id}@${candidate.version}`);
  }
  const n = cols.length;
  const gaps = checkCandleSpacing(cols, config.interval);
  const split = Math.floor(n * cmp.inSampleFraction);
  if (split < 2 || n - split < 2 || Math.floor(n / cmp.folds) < 2) {
    throw new Error(`not enough candles (${n}) for a ${cmp.inSampleFraction} split and ${cmp.folds} folds`);
  }
  const quiet: BacktestConfig = { ...config, recordSeries: false };
  const pair = (start: number, end: number): Pair => ({
    baseline: runBacktest(cols, baseline, quiet, { start, end }).metrics,
    candidate: runBacktest(cols, candidate, quiet, { start, end }).metrics,
  });
  const score = (m: Metrics) => m[cmp.score];
  const delta = (p: Pair) => score(p.candidate) - score(p.baseline);

  const inSample = pair(0, split);
  const outOfSample = pair(split, n);
  const folds = Array.from({ length: cmp.folds }, (_, f) => {
    const start = Math.floor((f * n) / cmp.folds);
    const end = Math.floor(((f + 1) * n) / cmp.folds);
    const p = pair(start, end);
    return { from: cols.openTime[start]!, to: cols.openTime[end - 1]!, ...p, candidateBetter: delta(p) > cmp.minScoreDelta };
  });

  const isDelta = delta(inSample);
  const oosDelta = delta(outOfSample);
  const foldsWon = folds.filter((f) => f.candidateBetter).length;
  const foldsLost = folds.filter((f) => delta(f) < -cmp.minScoreDelta).length;
  const ddWorsening = outOfSample.candidate.maxDrawdown - outOfSample.baseline.maxDrawdown;
  const oosTrades = outOfSample.candidate.tradeCount;
  const overfitting = isDelta > cmp.minScoreDelta && oosDelta <= cmp.minScoreDelta;

  const fmt = (x: number) => x.toFixed(3);
  // Drawdown reads in percent, as everywhere else in a report.
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const reasons = [
    `in-sample ${cmp.score}: baseline ${fmt(score(inSample.baseline))}, candidate ${fmt(score(inSample.candidate))} (delta ${fmt(isDelta)})`,
    `out-of-sample ${cmp.score}: baseline ${fmt(score(outOfSample.baseline))}, candidate ${fmt(score(outOfSample.candidate))} (delta ${fmt(oosDelta)}, noise floor ${cmp.minScoreDelta})`,
    `walk-forward: candidate better in ${foldsWon} of ${folds.length} folds, worse in ${foldsLost}`,
    `out-of-sample max drawdown: baseline ${pct(outOfSample.baseline.maxDrawdown)}, candidate ${pct(outOfSample.candidate.maxDrawdown)}`,
  ];
  if (overfitting) reasons.push('overfitting: the in-sample gain does not carry over out of sample');

  let verdict: Verdict = 'inconclusive';
  const winsFolds = foldsWon >= Math.ceil(folds.length * FOLD_WIN_SHARE);
  if (oosDelta > cmp.minScoreDelta && winsFolds && ddWorsening <= DRAWDOWN_TOLERANCE && oosTrades >= cmp.minTrades) {
    verdict = 'better';
  } else if (oosDelta < -cmp.minScoreDelta && foldsLost >= foldsWon) {
    verdict = 'worse';
  } else {
    if (oosDelta > cmp.minScoreDelta && !winsFolds) reasons.push(`not better: wins fewer than ${Math.round(FOLD_WIN_SHARE * 100)}% of folds`);
    if (oosDelta > cmp.minScoreDelta && ddWorsening > DRAWDOWN_TOLERANCE) reasons.push(`not better: out-of-sample max drawdown deeper by ${pct(ddWorsening)} (more than ${pct(DRAWDOWN_TOLERANCE)})`);
    if (oosDelta > cmp.minScoreDelta && oosTrades < cmp.minTrades) reasons.push(`not better: only ${oosTrades} out-of-sample trades (< ${cmp.minTrades})`);
    if (Math.abs(oosDelta) <= cmp.minScoreDelta) reasons.push('out-of-sample difference is within the noise floor');
    if (oosDelta < -cmp.minScoreDelta) reasons.push('not worse overall: out-of-sample loss, but the candidate wins as many folds as it loses');
  }

  return {
    strategy: { id: baseline.id, version: baseline.version },
    symbol: config.symbol,
    interval: config.interval,
    dataset: datasetRange(cols, 0, n),
    gaps,
    assumptions: assumptionsOf(config),
    config: cmp,
    baselineParams: baseline.params,
    candidateParams: candidate.params,
    splitTime: cols.openTime[split]!,
    inSample,
    outOfSample,
    folds,
    overfitting,
    verdict,
    reasons,
  };
}
