import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { ReviewLoopRequestSchema, ReviewRequestSchema, SuggestionsQuerySchema, type StoredSuggestion, type SuggestionFailure } from '../../shared/ai/index.ts';
import { STRATEGIES, STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { HttpError, sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { AI_API } from './ai-api.ts';
import type { ReviewLoops } from './review-loop.ts';
import type { ReviewService } from './review-service.ts';
import type { SuggestionsStore } from './suggestions-store.ts';

export interface AiRouterDeps {
  reviews: ReviewService;
  loops: ReviewLoops;
  suggestions: SuggestionsStore;
}

/** How a failed review answers: the words say what happened and that it was stored. */
const FAILURE_STATUS: Record<SuggestionFailure['code'], [number, string]> = {
  out_of_bounds: [422, 'suggestion_out_of_bounds'],
  invalid_output: [502, 'ai_invalid_output'],
  model_refusal: [502, 'ai_refused'],
  upstream_error: [502, 'ai_upstream_error'],
  rate_limited: [503, 'ai_rate_limited'],
  timeout: [504, 'ai_timeout'],
};

function parseOr400<T extends z.ZodType>(schema: T, value: unknown, code: string, what: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, code, `invalid ${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

function sendReview(res: Response, stored: StoredSuggestion): void {
  if (stored.failure === null) {
    res.status(201).json({ suggestion: stored });
    return;
  }
  const [status, code] = FAILURE_STATUS[stored.failure.code];
  sendApiError(res, status, code, `${stored.failure.message} (${stored.source} ${stored.model}; stored as ${stored.status} suggestion ${stored.id})`);
}

/** POST /strategies/:id/review, GET /ai-suggestions, and the review loop's three routes. */
export function createAiRouter({ reviews, loops, suggestions }: AiRouterDeps): Router {
  const router = Router();

  mountRoute(router, AI_API.review, jsonBody('16kb'), async (req: Request, res: Response) => {
    const request = parseOr400(ReviewRequestSchema, req.body, 'invalid_review', 'review request');
    sendReview(res, await reviews.review(String(req.params.id), request, { requestId: req.id ?? null }));
  });

  mountRoute(router, AI_API.list, (req: Request, res: Response) => {
    const { strategyId } = parseOr400(SuggestionsQuerySchema, req.query, 'invalid_query', 'query');
    if (!(strategyId in STRATEGIES)) throw new HttpError(404, 'unknown_strategy', `unknown strategy "${strategyId}"; expected one of ${STRATEGY_IDS.join(', ')}`);
    res.json({ suggestions: suggestions.listByStrategy(strategyId) });
  });

  mountRoute(router, AI_API.startLoop, jsonBody('16kb'), async (req: Request, res: Response) => {
    const request = parseOr400(ReviewLoopRequestSchema, req.body, 'invalid_review_loop', 'review loop request');
    res.status(202).json({ loop: await loops.start(String(req.params.id), request, req.id ?? null) });
  });

  const loopOr404 = (loopId: string, found: ReturnType<ReviewLoops['get']>) => {
    if (found === undefined) throw new HttpError(404, 'unknown_review_loop', `no review loop with id ${loopId} (loops are kept in memory until the relay restarts)`);
    return found;
  };
  mountRoute(router, AI_API.getLoop, (req: Request, res: Response) => {
    const loopId = String(req.params.loopId);
    res.json({ loop: loopOr404(loopId, loops.get(loopId)) });
  });
  mountRoute(router, AI_API.cancelLoop, (req: Request, res: Response) => {
    const loopId = String(req.params.loopId);
    res.json({ loop: loopOr404(loopId, loops.cancel(loopId)) });
  });

  return router;
}
