import { z } from 'zod';
import { ComparisonConfigSchema, MetricsSchema, StrategyParamsSchema, VerdictSchema } from '../backtest/schemas.ts';
import { AdvisorChoiceSchema, AdvisorSourceSchema, DatasetSpecSchema, SuggestionStatusSchema } from './schemas.ts';

export const MAX_LOOP_ROUNDS = 10;

export const ReviewLoopRequestSchema = z.strictObject({
  rounds: z.number().int().min(1).max(MAX_LOOP_ROUNDS).default(3),
  /** The params the first round reviews; the strategy's defaults when absent. */
  params: StrategyParamsSchema.optional(),
  dataset: DatasetSpecSchema,
  comparison: ComparisonConfigSchema.partial().strict().default({}),
  advisor: AdvisorChoiceSchema,
});
export type ReviewLoopRequest = z.infer<typeof ReviewLoopRequestSchema>;

const SidesSchema = z.object({ baseline: MetricsSchema, candidate: MetricsSchema });

/** One round: the suggestion, and the recorded comparison of its params against the round's baseline. */
export const ReviewRoundSchema = z.object({
  round: z.number().int().positive(),
  suggestionId: z.string(),
  suggestionStatus: SuggestionStatusSchema,
  /** Why the round produced no simulation (a failed or refused suggestion, no change proposed). */
  note: z.string().nullable(),
  baselineParams: StrategyParamsSchema,
  candidateParams: StrategyParamsSchema.nullable(),
  /** The comparison's SimulationRecord: the evidence an approval of these params points at. */
  simulationRunId: z.string().nullable(),
  verdict: VerdictSchema.nullable(),
  overfitting: z.boolean().nullable(),
  inSample: SidesSchema.nullable(),
  outOfSample: SidesSchema.nullable(),
  /** The walk-forward's stitched out-of-sample metrics of both param sets, its efficiency and overfitting flag. */
  walkForward: z
    .object({ stitched: SidesSchema, efficiency: z.number().nullable(), overfitting: z.boolean() })
    .nullable(),
  reasons: z.array(z.string()),
});
export type ReviewRound = z.infer<typeof ReviewRoundSchema>;

export const LoopStateSchema = z.enum(['running', 'finished', 'cancelled', 'failed']);

export const ReviewLoopSchema = z.object({
  loopId: z.uuid(),
  strategyId: z.string(),
  source: AdvisorSourceSchema,
  state: LoopStateSchema,
  roundsRequested: z.number().int().positive(),
  rounds: z.array(ReviewRoundSchema),
  /** Why it stopped, once it has. */
  stopReason: z.string().nullable(),
  /**
   * The decision-ready report: the best candidate found (better out of sample than the starting
   * params), with its evidence run; null when none beat them. A human decides; nothing is applied.
   */
  report: z
    .object({
      startParams: StrategyParamsSchema,
      bestParams: StrategyParamsSchema.nullable(),
      bestRound: z.number().int().positive().nullable(),
      evidenceRunId: z.string().nullable(),
      summary: z.string(),
    })
    .nullable(),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ReviewLoop = z.infer<typeof ReviewLoopSchema>;

export const ReviewLoopResponseSchema = z.object({ loop: ReviewLoopSchema });
