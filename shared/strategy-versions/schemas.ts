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

/** SHA-256 of the canonical JSON of the params, lower-case hex with its algorithm named. */
export const ParamsHashSchema = z.string().regex(/^sha256-[0-9a-f]{64}$/);

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
});
export type CreateVersionRequest = z.input<typeof CreateVersionRequestSchema>;
