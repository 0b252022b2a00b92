import type { z } from 'zod';
import { ReviewLoopResponseSchema, SuggestionListResponseSchema, type ReviewLoopRequestSchema } from '../../shared/ai/index.ts';
import { ParityResponseSchema } from '../../shared/runner/schemas.ts';
import { requestJson } from '../market/api-client.ts';

/** What the form sends; the relay fills in the defaults (rounds 3, advisor auto). */
export type ReviewLoopStart = z.input<typeof ReviewLoopRequestSchema>;

const strategyPath = (strategyId: string) => `/api/v1/strategies/${encodeURIComponent(strategyId)}`;
const loopPath = (loopId: string) => `/api/v1/review-loops/${encodeURIComponent(loopId)}`;

/** The relay's AI review and runner routes (relay/ai/, relay/runner/), every answer checked against the shared schemas. */
export const reviewApi = {
  suggestions: async (strategyId: string) =>
    (await requestJson(`/api/v1/ai-suggestions?strategyId=${encodeURIComponent(strategyId)}`, SuggestionListResponseSchema)).suggestions,
  startLoop: async (strategyId: string, request: ReviewLoopStart) =>
    (await requestJson(`${strategyPath(strategyId)}/review-loop`, ReviewLoopResponseSchema, fetch, { method: 'POST', body: request })).loop,
  loop: async (loopId: string) => (await requestJson(loopPath(loopId), ReviewLoopResponseSchema)).loop,
  cancelLoop: async (loopId: string) => (await requestJson(`${loopPath(loopId)}/cancel`, ReviewLoopResponseSchema, fetch, { method: 'POST' })).loop,
  parity: (strategyId: string) => requestJson(`${strategyPath(strategyId)}/parity`, ParityResponseSchema),
};
