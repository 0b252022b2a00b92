import type { CandleColumns } from './candle-columns.ts';
import { assumptionsOf, runBacktest } from './engine.ts';
import { datasetRange } from './report.ts';
import { checkCandleSpacing } from './candle-spacing.ts';
import type { BacktestConfig, ComparisonConfig, ComparisonReport, Metrics, Verdict, WalkForwardReport } from './schemas.ts';
import { walkForward, walkForwardEfficiency } from './walk-forward.ts';
import type { StrategyEntry } from '../strategy/registry.ts';

interface Pair {
  baseline: Metrics;
  candidate: Metrics;
}

/** What a verdict is decided from: the stored comparison's numbers and the config recorded with it. */
export interface VerdictInputs extends Pick<ComparisonReport, 'config' | 'inSample' | 'outOfSample'> {
  kFolds: readonly Pair[];
  walkForward: Pick<WalkForwardReport, 'windows' | 'stitched'>;
}

export interface RecomputedVerdict {
  verdict: Verdict;
  /** In-sample gain without an out-of-sample one. */
  overfitting: boolean;
  kFoldsWon: boolean[];
  walkForwardEfficiency: number | null;
  walkForwardOverfitting: boolean;
  reasons: string[];
}

/**
 * The verdict, flags and reasons a comparison's numbers and config give: pure, so a stored
 * report can be re-judged from its record and a report whose verdict does not follow from its
 * own numbers can be refused. The candidate is "better" only when it wins out of sample by more
 * than the noise floor, in at least `foldWinShare` of the k folds, with out-of-sample drawdown at
 * most `drawdownTolerance` deeper and at least `minTrades` trades; "worse" when it loses out of
 * sample and in at least as many folds as it wins. The walk-forward flag is reported beside it.
 */
export function recomputeVerdict(report: VerdictInputs): RecomputedVerdict {
  const cmp = report.config;
  const { inSample, outOfSample, kFolds, walkForward: wf } = report;
  const score = (m: Metrics) => m[cmp.score];
  const delta = (p: Pair) => score(p.candidate) - score(p.baseline);

  const isDelta = delta(inSample);
  const oosDelta = delta(outOfSample);
  const kFoldsWon = kFolds.map((f) => delta(f) > cmp.minScoreDelta);
  const foldsWon = kFoldsWon.filter(Boolean).length;
  const foldsLost = kFolds.filter((f) => delta(f) < -cmp.minScoreDelta).length;
  const ddWorsening = outOfSample.candidate.maxDrawdown - outOfSample.baseline.maxDrawdown;
  const oosTrades = outOfSample.candidate.tradeCount;
  const overfitting = isDelta > cmp.minScoreDelta && oosDelta <= cmp.minScoreDelta;
  const efficiency = walkForwardEfficiency(wf.windows, wf.stitched.fitted, cmp.score);
  const walkForwardOverfitting = efficiency !== null && efficiency < cmp.walkForward.minEfficiency;

  const fmt = (x: number) => x.toFixed(3);
  // Drawdown reads in percent, as everywhere else in a report.
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const reasons = [
    `in-sample ${cmp.score}: baseline ${fmt(score(inSample.baseline))}, candidate ${fmt(score(inSample.candidate))} (delta ${fmt(isDelta)})`,
    `out-of-sample ${cmp.score}: baseline ${fmt(score(outOfSample.baseline))}, candidate ${fmt(score(outOfSample.candidate))} (delta ${fmt(oosDelta)}, noise floor ${cmp.minScoreDelta})`,
    `k-fold (${kFolds.length} contiguous folds, fixed params): candidate better in ${foldsWon}, worse in ${foldsLost}`,
    `out-of-sample max drawdown: baseline ${pct(outOfSample.baseline.maxDrawdown)}, candidate ${pct(outOfSample.candidate.maxDrawdown)}`,
    `walk-forward (${wf.windows.length} rolling windows, re-fitted on each training window): stitched out-of-sample ${cmp.score} re-fitted ${fmt(score(wf.stitched.fitted))}, candidate ${fmt(score(wf.stitched.candidate))}, baseline ${fmt(score(wf.stitched.baseline))}; efficiency ${efficiency === null ? 'n/a (no in-sample edge)' : fmt(efficiency)} (minimum ${cmp.walkForward.minEfficiency})`,
  ];
  if (overfitting) reasons.push('overfitting: the in-sample gain does not carry over out of sample');
  if (walkForwardOverfitting) reasons.push(`walk-forward overfitting: re-fitted params keep ${pct(efficiency)} of their in-sample ${cmp.score} on unseen windows (less than ${pct(cmp.walkForward.minEfficiency)})`);

  let verdict: Verdict = 'inconclusive';
  const winsFolds = foldsWon >= Math.ceil(kFolds.length * cmp.foldWinShare);
  if (oosDelta > cmp.minScoreDelta && winsFolds && ddWorsening <= cmp.drawdownTolerance && oosTrades >= cmp.minTrades) {
    verdict = 'better';
  } else if (oosDelta < -cmp.minScoreDelta && foldsLost >= foldsWon) {
    verdict = 'worse';
  } else {
    if (oosDelta > cmp.minScoreDelta && !winsFolds) reasons.push(`not better: wins fewer than ${Math.round(cmp.foldWinShare * 100)}% of the k folds`);
    if (oosDelta > cmp.minScoreDelta && ddWorsening > cmp.drawdownTolerance) reasons.push(`not better: out-of-sample max drawdown deeper by ${pct(ddWorsening)} (more than ${pct(cmp.drawdownTolerance)})`);
    if (oosDelta > cmp.minScoreDelta && oosTrades < cmp.minTrades) reasons.push(`not better: only ${oosTrades} out-of-sample trades (< ${cmp.minTrades})`);
    if (Math.abs(oosDelta) <= cmp.minScoreDelta) reasons.push('out-of-sample difference is within the noise floor');
    if (oosDelta < -cmp.minScoreDelta) reasons.push('not worse overall: out-of-sample loss, but the candidate wins as many k folds as it loses');
  }
  return { verdict, overfitting, kFoldsWon, walkForwardEfficiency: efficiency, walkForwardOverfitting, reasons };
}

/**
 * Baseline vs candidate parameters of one strategy on the same candles: an in-sample window, the
 * following out-of-sample window, k contiguous folds over the whole range with both fixed param
 * sets, and a walk-forward that re-fits on rolling training windows (each window warms the strategy
 * up on the candles before it, never trading on them). The verdict is `recomputeVerdict` of the
 * numbers; the dataset hash is computed once here (async: WebCrypto).
 */
export async function compareParams(
  cols: CandleColumns,
  entry: StrategyEntry,
  baselineParams: Record<string, unknown>,
  candidateParams: Record<string, unknown>,
  config: BacktestConfig,
  cmp: ComparisonConfig,
): Promise<ComparisonReport> {
  const baseline = entry.bind(baselineParams);
  const candidate = entry.bind(candidateParams);
  const n = cols.length;
  const gaps = checkCandleSpacing(cols, config.interval);
  const split = Math.floor(n * cmp.inSampleFraction);
  if (split < 2 || n - split < 2 || Math.floor(n / cmp.kFolds) < 2) {
    throw new Error(`not enough candles (${n}) for a ${cmp.inSampleFraction} split and ${cmp.kFolds} k folds`);
  }
  const quiet: BacktestConfig = { ...config, recordSeries: false };
  const pair = (start: number, end: number): Pair => ({
    baseline: runBacktest(cols, baseline, quiet, { start, end }).metrics,
    candidate: runBacktest(cols, candidate, quiet, { start, end }).metrics,
  });

  const inSample = pair(0, split);
  const outOfSample = pair(split, n);
  const folds = Array.from({ length: cmp.kFolds }, (_, f) => {
    const start = Math.floor((f * n) / cmp.kFolds);
    const end = Math.floor(((f + 1) * n) / cmp.kFolds);
    return { from: cols.openTime[start]!, to: cols.openTime[end - 1]!, ...pair(start, end) };
  });
  const wf = walkForward(cols, entry, baseline.params, candidate.params, config, cmp);
  const judged = recomputeVerdict({ config: cmp, inSample, outOfSample, kFolds: folds, walkForward: wf });

  return {
    strategy: { id: entry.id, version: entry.version },
    symbol: config.symbol,
    interval: config.interval,
    dataset: await datasetRange(cols, 0, n),
    gaps,
    assumptions: assumptionsOf(config),
    config: cmp,
    baselineParams: baseline.params,
    candidateParams: candidate.params,
    splitTime: cols.openTime[split]!,
    inSample,
    outOfSample,
    kFolds: folds.map((f, i) => ({ ...f, candidateBetter: judged.kFoldsWon[i]! })),
    walkForward: wf,
    overfitting: judged.overfitting,
    verdict: judged.verdict,
    reasons: judged.reasons,
  };
}
