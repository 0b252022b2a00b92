import { z } from 'zod';
import { recomputeVerdict } from '../backtest/compare.ts';
import { ComparisonReportSchema, SimulationRunSchema, StrategyParamsSchema } from '../backtest/schemas.ts';
import { canonicalJson } from '../json/canonical-json.ts';

export const RunKindSchema = z.enum(['backtest', 'comparison']);
export type RunKind = z.infer<typeof RunKindSchema>;

/**
 * One finished simulation as the browser keeps it and posts it to the relay. The relay stores it
 * unchanged and never edits it, so a later approval can point at `runId` and prove a run exists for
 * exactly these params (`run.params`) on exactly this data (`run.dataset.hash`).
 */
export const SimulationRecordSchema = z.object({
  runId: z.uuid('runId must be a UUID, e.g. 3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'),
  kind: RunKindSchema,
  /** ISO-8601 time the run finished in the browser. */
  createdAt: z.iso.datetime({ message: 'createdAt must be an ISO-8601 UTC time, e.g. 2024-06-01T12:00:00Z' }),
  /** For `backtest` the params run; for `comparison` the candidate's, with metrics over the whole range. */
  run: SimulationRunSchema,
  /** The baseline a comparison was judged against; null for a standalone backtest. */
  baselineParams: StrategyParamsSchema.nullable(),
  /** Comparison's in-sample/out-of-sample overfitting flag; null for a standalone backtest. */
  overfitting: z.boolean().nullable(),
  /** Share of candles used in-sample by a comparison; null for a standalone backtest. */
  inSampleFraction: z.number().gt(0).lt(1).nullable(),
  /** Wall time of the run in the browser (loading candles and the workers), ms; absent from older records. */
  durationMs: z.number().nonnegative().max(86_400_000, 'durationMs must be at most a day').optional(),
  /**
   * The whole comparison (in-sample, out-of-sample, k folds, walk-forward, config with every
   * threshold) for kind `comparison`: the approval evidence. Absent from records made before it
   * was kept; a comparison posted now must carry it (PostedSimulationRecordSchema).
   */
  comparison: ComparisonReportSchema.optional(),
});
export type SimulationRecord = z.infer<typeof SimulationRecordSchema>;

/**
 * A record as it is posted: a comparison carries its report, and the report agrees with the run
 * it is recorded as (same params, baseline, strategy, dataset and verdict) and with itself (its
 * verdict, flags and reasons are what `recomputeVerdict` gives from its numbers and config).
 * Only checked on write, so stored records stay readable when the wording of reasons changes.
 */
export const PostedSimulationRecordSchema = SimulationRecordSchema.superRefine((record, ctx) => {
  const issue = (message: string, path: string[] = ['comparison']) => ctx.addIssue({ code: 'custom', message, path });
  const c = record.comparison;
  if (record.kind === 'backtest') {
    if (c !== undefined) issue('a backtest record carries no comparison');
    return;
  }
  if (c === undefined) return issue('a comparison record must carry its comparison report');
  const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
  if (!same(c.strategy, record.run.strategy)) issue('comparison.strategy is not run.strategy');
  if (!same(c.candidateParams, record.run.params)) issue('comparison.candidateParams are not run.params');
  if (!same(c.baselineParams, record.baselineParams)) issue('comparison.baselineParams are not baselineParams');
  if (c.dataset.hash !== record.run.dataset.hash) issue('comparison.dataset.hash is not run.dataset.hash');
  if (c.verdict !== record.run.verdict) issue('comparison.verdict is not run.verdict');
  if (c.overfitting !== record.overfitting) issue('comparison.overfitting is not overfitting');
  if (c.config.inSampleFraction !== record.inSampleFraction) issue('comparison.config.inSampleFraction is not inSampleFraction');
  const judged = recomputeVerdict(c);
  const flags = (v: { verdict: unknown; overfitting: unknown; walkForwardOverfitting: unknown; walkForwardEfficiency: unknown; kFoldsWon: unknown; reasons: unknown }) => canonicalJson(v);
  const stated = {
    verdict: c.verdict,
    overfitting: c.overfitting,
    walkForwardOverfitting: c.walkForward.overfitting,
    walkForwardEfficiency: c.walkForward.efficiency,
    kFoldsWon: c.kFolds.map((f) => f.candidateBetter),
    reasons: c.reasons,
  };
  if (flags(judged) !== flags(stated)) {
    issue(`the comparison's verdict does not follow from its own numbers and config (they give ${judged.verdict})`);
  }
});

export const RecordSimulationResponseSchema = z
  .object({ runId: z.string(), created: z.boolean() })
  .meta({ examples: [{ runId: '3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10', created: true }] });
export type RecordSimulationResponse = z.infer<typeof RecordSimulationResponseSchema>;

export const SimulationResponseSchema = z.object({ simulation: SimulationRecordSchema, recordedAt: z.string() });
export type SimulationResponse = z.infer<typeof SimulationResponseSchema>;
