import { z } from 'zod';
import { ComparisonConfigSchema, MetricsSchema, StrategyParamsSchema, VerdictSchema } from '../backtest/schemas.ts';
import { IntervalSchema } from '../market/interval.ts';

/** A param value as strategies have them: numbers, or a choice (Bollinger's `exitAt`). */
export const ParamValueSchema = z.union([z.number(), z.string()]);
export type ParamValue = z.infer<typeof ParamValueSchema>;

/** One param of the strategy under review, with the bounds its zod schema states (null when unbounded or a choice). */
export const ReviewParamSchema = z.object({
  name: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  value: ParamValueSchema,
  min: z.number().nullable(),
  max: z.number().nullable(),
  integer: z.boolean(),
  /** The allowed values of a choice param, null for a number. */
  choices: z.array(z.string()).nullable(),
});
export type ReviewParam = z.infer<typeof ReviewParamSchema>;

export const ReviewTradeSchema = z.object({
  entryTime: z.number().int(),
  exitTime: z.number().int().nullable(),
  entryPrice: z.number(),
  exitPrice: z.number().nullable(),
  pnl: z.number(),
  returnPct: z.number(),
  exitReason: z.string().nullable(),
});
export type ReviewTrade = z.infer<typeof ReviewTradeSchema>;

/** What one indicator of the strategy did over the reviewed window. */
export const IndicatorSummarySchema = z.object({
  name: z.string(),
  params: z.record(z.string(), z.number()),
  /** The indicator's main output at the end of the window, and its range over the window; null before it settles. */
  last: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export type IndicatorSummary = z.infer<typeof IndicatorSummarySchema>;

/** The summary of a baseline-vs-candidate comparison the next review reads. */
export const ComparisonSummarySchema = z.object({
  runId: z.string().nullable(),
  baselineParams: StrategyParamsSchema,
  candidateParams: StrategyParamsSchema,
  verdict: VerdictSchema,
  overfitting: z.boolean(),
  reasons: z.array(z.string()),
});
export type ComparisonSummary = z.infer<typeof ComparisonSummarySchema>;

/**
 * Everything an advisor is given. Built from the in-sample window only, so no advisor ever sees the
 * out-of-sample candles its suggestion is then judged on.
 */
export const ReviewInputSchema = z.object({
  strategy: z.object({ id: z.string(), version: z.string(), name: z.string(), description: z.string() }),
  market: z.object({ symbol: z.string(), interval: IntervalSchema }),
  window: z.object({ from: z.number().int(), to: z.number().int(), candles: z.number().int().positive() }),
  params: z.array(ReviewParamSchema).min(1),
  metrics: MetricsSchema,
  recentTrades: z.array(ReviewTradeSchema),
  indicators: z.array(IndicatorSummarySchema),
  lastComparison: ComparisonSummarySchema.nullable(),
  constraints: z.array(z.string()).min(1),
});
export type ReviewInput = z.infer<typeof ReviewInputSchema>;

export const ParamDeltaSchema = z.strictObject({
  param: z.string().min(1).describe('name of the strategy parameter to change'),
  from: ParamValueSchema.describe('its current value, as given in the input'),
  to: ParamValueSchema.describe('the proposed value, inside the parameter bounds'),
});
export type ParamDelta = z.infer<typeof ParamDeltaSchema>;

/** What an advisor answers; also the JSON Schema the model is asked to follow (strict structured output). */
export const SuggestionSchema = z.strictObject({
  deltas: z.array(ParamDeltaSchema).max(8).describe('parameter changes, each param at most once; empty to keep the params as they are'),
  rationale: z.string().min(1).max(4000).describe('why these changes should help, citing the input'),
  confidence: z.number().min(0).max(1).describe('0 (a guess) to 1 (near certain)'),
  riskNotes: z.array(z.string().min(1).max(1000)).max(10).describe('what could go wrong with the change'),
});
export type Suggestion = z.infer<typeof SuggestionSchema>;

export const SUGGESTION_SCHEMA_NAME = 'strategy_param_suggestion';

/**
 * The suggestion's JSON Schema for `response_format: { type: 'json_schema', json_schema: { strict: true } }`.
 * `$schema` is dropped: providers validate the schema body, and some refuse unknown top-level keys.
 */
export function suggestionJsonSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(SuggestionSchema, { target: 'draft-7' }) as Record<string, unknown>;
  return schema;
}

export const AdvisorSourceSchema = z.enum(['openrouter', 'local', 'standin']);
export type AdvisorSource = z.infer<typeof AdvisorSourceSchema>;

export const SuggestionStatusSchema = z.enum(['valid', 'invalid', 'refused']);
export type SuggestionStatus = z.infer<typeof SuggestionStatusSchema>;

/** Why a stored suggestion is not valid. */
export const SuggestionFailureSchema = z.object({
  code: z.enum(['invalid_output', 'out_of_bounds', 'model_refusal', 'timeout', 'rate_limited', 'upstream_error']),
  message: z.string(),
});
export type SuggestionFailure = z.infer<typeof SuggestionFailureSchema>;

export const AiUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** What the provider charged (OpenRouter credits), when it says. */
  cost: z.number().nonnegative().nullable(),
});
export type AiUsage = z.infer<typeof AiUsageSchema>;

/** One review as the relay keeps it (append-only): valid or not, so failures stay visible. */
export const StoredSuggestionSchema = z.object({
  id: z.uuid(),
  strategyId: z.string(),
  strategyVersion: z.string(),
  source: AdvisorSourceSchema,
  model: z.string(),
  status: SuggestionStatusSchema,
  failure: SuggestionFailureSchema.nullable(),
  /** The params reviewed and, for a valid suggestion, the params its deltas make. */
  baseParams: StrategyParamsSchema,
  proposedParams: StrategyParamsSchema.nullable(),
  /** The advisor's answer as parsed; null when nothing usable came back. */
  suggestion: SuggestionSchema.nullable(),
  attempts: z.number().int().min(0),
  latencyMs: z.number().nonnegative(),
  usage: AiUsageSchema.nullable(),
  /** The review loop it belongs to, null for a single review. */
  loopId: z.uuid().nullable(),
  requestId: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type StoredSuggestion = z.infer<typeof StoredSuggestionSchema>;

export const SuggestionResponseSchema = z.object({ suggestion: StoredSuggestionSchema });
export const SuggestionListResponseSchema = z.object({ suggestions: z.array(StoredSuggestionSchema) });
export type SuggestionListResponse = z.infer<typeof SuggestionListResponseSchema>;

/** The candles a review or loop works on: the relay loads them from its market service. */
export const DatasetSpecSchema = z
  .strictObject({
    symbol: z.string().regex(/^[A-Z0-9]{2,30}$/, 'symbol must be a Bybit spot symbol such as BTCUSDT'),
    interval: IntervalSchema,
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
  })
  .refine((d) => d.from < d.to, { message: 'from must be before to', path: ['from'] });
export type DatasetSpec = z.infer<typeof DatasetSpecSchema>;

export const AdvisorChoiceSchema = z.enum(['auto', 'local']).default('auto').describe('auto: the configured AI (OpenRouter or its stand-in), else local');

export const ReviewRequestSchema = z.strictObject({
  /** The params under review; the strategy's defaults when absent. */
  params: StrategyParamsSchema.optional(),
  dataset: DatasetSpecSchema,
  comparison: ComparisonConfigSchema.partial().strict().default({}),
  advisor: AdvisorChoiceSchema,
});
export type ReviewRequest = z.infer<typeof ReviewRequestSchema>;

export const SuggestionsQuerySchema = z.strictObject({
  strategyId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'strategyId must be a strategy id such as ema-rsi'),
});
