import { z } from 'zod';
import { ReviewLoopRequestSchema, ReviewLoopResponseSchema, ReviewRequestSchema, SuggestionListResponseSchema, SuggestionResponseSchema, SuggestionsQuerySchema } from '../../shared/ai/index.ts';
import { STRATEGY_IDS } from '../../shared/strategy/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

const StrategyParams = z.object({ id: z.string().meta({ description: `the strategy: one of ${STRATEGY_IDS.join(', ')}`, examples: ['ema-rsi'] }) });
const LoopParams = z.object({ loopId: z.uuid('a loop id is a UUID as returned by POST /strategies/{id}/review-loop').meta({ description: "the loop's id", examples: ['3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'] }) });

const AI_FAILURES = {
  422: 'suggestion_out_of_bounds: the suggestion moves a param outside its bounds (named); stored as refused',
  502: 'ai_invalid_output (invalid after one retry, stored as invalid), ai_refused (the model refused) or ai_upstream_error',
  503: 'ai_rate_limited: the provider kept answering 429 beyond the bounded wait',
  504: 'ai_timeout: the provider did not answer within the bound',
} as const;

/** The AI review, mounted under /api/v1: suggestions are stored and audited, never applied to a version. */
export const AI_API = {
  review: {
    method: 'post',
    path: '/strategies/:id/review',
    summary: 'Ask the AI (OpenRouter, its stand-in) or the local advisor for param deltas (audited as ai.suggestion)',
    description:
      'The advisor sees the in-sample window of the dataset only. Without OPENROUTER_API_KEY (and without the stand-in) or with advisor=local, the local advisor searches the bounded param space on that window.',
    params: StrategyParams,
    body: ReviewRequestSchema,
    responses: { 201: { description: 'a valid suggestion, stored', schema: SuggestionResponseSchema } },
    errors: { 400: 'invalid_review, invalid_params, not_enough_candles or dataset_too_large', 404: 'unknown_strategy or unknown_symbol', ...AI_FAILURES },
  },
  list: {
    method: 'get',
    path: '/ai-suggestions',
    summary: "A strategy's stored suggestions, newest first, valid or not",
    query: SuggestionsQuerySchema,
    responses: { 200: { description: 'the suggestions', schema: SuggestionListResponseSchema } },
    errors: { 400: 'invalid_query', 404: 'unknown_strategy' },
  },
  startLoop: {
    method: 'post',
    path: '/strategies/:id/review-loop',
    summary: 'Start N review rounds, each suggestion simulated baseline vs candidate and recorded as a comparison run',
    params: StrategyParams,
    body: ReviewLoopRequestSchema,
    responses: { 202: { description: 'started; poll GET /review-loops/{loopId}', schema: ReviewLoopResponseSchema } },
    errors: { 400: 'invalid_review_loop, invalid_params, not_enough_candles or dataset_too_large', 404: 'unknown_strategy or unknown_symbol' },
  },
  getLoop: {
    method: 'get',
    path: '/review-loops/:loopId',
    summary: "A review loop's progress, each round's result and, once done, its decision-ready report",
    params: LoopParams,
    responses: { 200: { description: 'the loop', schema: ReviewLoopResponseSchema } },
    errors: { 404: 'unknown_review_loop' },
  },
  cancelLoop: {
    method: 'post',
    path: '/review-loops/:loopId/cancel',
    summary: 'Cancel a running review loop (rounds already recorded stay)',
    params: LoopParams,
    responses: { 200: { description: 'the loop as it stopped (or had already stopped)', schema: ReviewLoopResponseSchema } },
    errors: { 404: 'unknown_review_loop' },
  },
} as const satisfies Record<string, ApiRoute>;
