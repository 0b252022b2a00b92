import { z } from 'zod';
import { StrategyParamsSchema } from '../backtest/schemas.ts';
import { IntervalSchema } from '../market/interval.ts';

/**
 * A version's life: a draft is created (by hand or from an AI suggestion), a recorded simulation
 * of exactly its params makes it `simulated`, an operator approves it, activation makes it the one
 * the relay runs (the previous active one becomes `approved` again, so rollback can re-activate
 * it), and `retired` ends it. Only an operator moves it past `simulated`.
 */
export const ApprovalStateSchema = z.enum(['draft', 'simulated', 'approved', 'active', 'retired']);
export type ApprovalState = z.infer<typeof ApprovalStateSchema>;

/** Where a version trades when it is active: one spot symbol on one candle interval. */
export const VersionMarketSchema = z.object({
  symbol: z.string().regex(/^[A-Z0-9]{2,30}$/, 'symbol must be a Bybit spot symbol such as BTCUSDT'),
  interval: IntervalSchema,
});
export type VersionMarket = z.infer<typeof VersionMarketSchema>;

/** A SHA-256 digest as `sha256Label` writes it: lower-case hex with its algorithm named. */
export const Sha256LabelSchema = z.string().regex(/^sha256-[0-9a-f]{64}$/, 'must be sha256- and 64 lower-case hex digits');

/** SHA-256 of the canonical JSON of the params. */
export const ParamsHashSchema = Sha256LabelSchema;

export const StrategyVersionSchema = z.object({
  strategyId: z.string(),
  /** 1, 2, 3… per strategy, in creation order. */
  version: z.number().int().positive(),
  /** The registered strategy's code version the params are for (e.g. "1.0.1"). */
  codeVersion: z.string(),
  /** Validated against the strategy's zod bounds, defaults filled. */
  params: StrategyParamsSchema,
  paramsHash: ParamsHashSchema,
  /** The indicators these params make the strategy use, as the chart names them. */
  indicators: z.array(z.object({ name: z.string(), params: z.record(z.string(), z.number()) })),
  market: VersionMarketSchema,
  approvalState: ApprovalStateSchema,
  /** The version it was derived from; null for the first. */
  parentVersion: z.number().int().positive().nullable(),
  /** Why it exists: a trader's note or the AI suggestion it came from. */
  origin: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('manual'), note: z.string().max(2000) }),
    z.object({ kind: z.literal('suggestion'), suggestionId: z.string() }),
  ]),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** The last change of state: who, when, and the simulation run an approval rests on. */
  stateChangedBy: z.string().nullable(),
  stateChangedAt: z.iso.datetime(),
  evidenceRunId: z.string().nullable(),
});
export type StrategyVersion = z.infer<typeof StrategyVersionSchema>;

export const CreateVersionRequestSchema = z.object({
  params: StrategyParamsSchema,
  market: VersionMarketSchema,
  /** Defaults to the strategy's active version, else its newest one. */
  parentVersion: z.number().int().positive().optional(),
  note: z.string().max(2000).default(''),
  /** The AI suggestion the params come from; the version's origin is then that suggestion. */
  suggestionId: z.string().min(1).max(200).optional(),
});
export type CreateVersionRequest = z.input<typeof CreateVersionRequestSchema>;

/**
 * One change of a version's state, as the append-only transitions table keeps it: the version's
 * state is its last transition's `to`. `from` is null for the creation of the draft.
 */
export const VersionTransitionSchema = z.object({
  seq: z.number().int().positive(),
  strategyId: z.string(),
  version: z.number().int().positive(),
  from: ApprovalStateSchema.nullable(),
  to: ApprovalStateSchema,
  actor: z.string().nullable(),
  at: z.iso.datetime(),
  /** The simulation run the change rests on (simulated, approved); null otherwise. */
  evidenceRunId: z.string().nullable(),
  /** Why, in words: a rejection's reason, a rollback. */
  reason: z.string().nullable(),
});
export type VersionTransition = z.infer<typeof VersionTransitionSchema>;

export const ApproveVersionRequestSchema = z.strictObject({
  /** The recorded comparison run (POST /strategies/:id/simulate) the approval rests on. */
  runId: z.uuid('runId must be the UUID of a recorded simulation run'),
  /** The dataset the operator looked at; when given, the run must be on exactly it. */
  datasetHash: z.string().min(1).max(200).optional(),
});
export type ApproveVersionRequest = z.infer<typeof ApproveVersionRequestSchema>;

export const RejectVersionRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, 'say why the version is rejected').max(2000),
});
export type RejectVersionRequest = z.infer<typeof RejectVersionRequestSchema>;

export const VersionListResponseSchema = z.object({ versions: z.array(StrategyVersionSchema) });
export type VersionListResponse = z.infer<typeof VersionListResponseSchema>;

export const VersionResponseSchema = z.object({ version: StrategyVersionSchema });
export type VersionResponse = z.infer<typeof VersionResponseSchema>;

/** A version with every change of its state, oldest first. */
export const VersionDetailResponseSchema = VersionResponseSchema.extend({ transitions: z.array(VersionTransitionSchema) });
export type VersionDetailResponse = z.infer<typeof VersionDetailResponseSchema>;

/** After an activation or rollback: the version now active and the one it replaced (now `approved`). */
export const ActivationResponseSchema = z.object({ active: StrategyVersionSchema, previous: StrategyVersionSchema.nullable() });
export type ActivationResponse = z.infer<typeof ActivationResponseSchema>;

/** The 409 of an approval without enough evidence: every missing piece, in words. */
export const MissingEvidenceErrorSchema = z.object({
  error: z.object({
    code: z.literal('missing_evidence'),
    message: z.string(),
    missing: z.array(z.string()).min(1),
    requestId: z.string().optional(),
  }),
});
export type MissingEvidenceError = z.infer<typeof MissingEvidenceErrorSchema>;
