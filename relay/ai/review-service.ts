import { randomUUID } from 'node:crypto';
import {
  applyDeltas,
  buildReviewInput,
  type ComparisonSummary,
  type ReviewRequest,
  type StoredSuggestion,
  type SuggestionFailure,
} from '../../shared/ai/index.ts';
import { sliceColumns } from '../../shared/backtest/candle-columns.ts';
import { ComparisonConfigSchema } from '../../shared/backtest/schemas.ts';
import { InvalidParamsError, strategyEntry, UnknownStrategyError } from '../../shared/strategy/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { HttpError } from '../http/http-error.ts';
import type { MarketService } from '../market/market-service.ts';
import type { SimulationsStore } from '../simulations/simulations-store.ts';
import type { Advisor } from './advisor.ts';
import { loadDataset, type LoadedDataset } from './load-dataset.ts';
import type { SuggestionsStore } from './suggestions-store.ts';

export interface ReviewServiceDeps {
  market: MarketService;
  simulations: SimulationsStore;
  suggestions: SuggestionsStore;
  audit: AuditRecorder;
  /** OpenRouter or its stand-in; null without a key (reviews then use `local`). */
  ai: Advisor | null;
  local: Advisor;
  clock?: () => Date;
}

export interface ReviewOptions {
  requestId: string | null;
  loopId?: string | null;
  /** The loop's previous round; otherwise the newest recorded comparison of the strategy. */
  lastComparison?: ComparisonSummary | null;
  /** Already loaded candles (the loop loads them once). */
  dataset?: LoadedDataset;
  signal?: AbortSignal;
}

export interface ReviewService {
  review(strategyId: string, request: ReviewRequest, options: ReviewOptions): Promise<StoredSuggestion>;
  /** Which advisor a request gets: the configured AI unless it asks for local or none is configured. */
  advisorFor(choice: ReviewRequest['advisor']): Advisor;
}

/** The entry and params a review starts from, or the 4xx that says why not. */
export function reviewedStrategy(strategyId: string, rawParams: unknown) {
  try {
    const entry = strategyEntry(strategyId);
    return { entry, params: entry.parseParams(rawParams ?? {}) };
  } catch (error) {
    if (error instanceof UnknownStrategyError) throw new HttpError(404, 'unknown_strategy', error.message);
    if (error instanceof InvalidParamsError) throw new HttpError(400, 'invalid_params', error.message);
    throw error;
  }
}

/** Index of the first out-of-sample candle for a comparison config; what the advisors may see ends before it. */
export function inSampleEnd(length: number, inSampleFraction: number): number {
  return Math.floor(length * inSampleFraction);
}

/**
 * One review: the in-sample window of the dataset becomes the review input, the advisor answers,
 * the deltas are checked against the strategy's own bounds, and the outcome (valid, invalid or
 * refused) is stored and audited as `ai.suggestion` with prompt, response, model, usage and latency.
 * A suggestion never changes a version; it is evidence for a human's decision.
 */
export function createReviewService(deps: ReviewServiceDeps): ReviewService {
  const clock = deps.clock ?? (() => new Date());
  const advisorFor = (choice: ReviewRequest['advisor']) => (choice === 'local' || deps.ai === null ? deps.local : deps.ai);

  const newestComparison = (strategyId: string): ComparisonSummary | null => {
    const found = deps.simulations.listByStrategy(strategyId, 50).find((s) => s.simulation.kind === 'comparison');
    if (found === undefined) return null;
    const { simulation } = found;
    return {
      runId: simulation.runId,
      baselineParams: simulation.baselineParams ?? {},
      candidateParams: simulation.run.params,
      verdict: simulation.run.verdict ?? 'inconclusive',
      overfitting: simulation.overfitting ?? false,
      reasons: simulation.run.reasons,
    };
  };

  return {
    advisorFor,
    async review(strategyId, request, options) {
      const { entry, params } = reviewedStrategy(strategyId, request.params);
      const comparison = ComparisonConfigSchema.parse(request.comparison);
      const dataset = options.dataset ?? (await loadDataset(deps.market, request.dataset));
      const split = inSampleEnd(dataset.cols.length, comparison.inSampleFraction);
      const warmup = entry.bind(params).warmupBars;
      if (split <= warmup + 1) {
        throw new HttpError(400, 'not_enough_candles', `the in-sample window has ${split} candles; ${entry.id} needs more than ${warmup + 1} to trade; widen from..to`);
      }
      // The advisors are handed the in-sample candles only: what they cannot see cannot leak into a suggestion.
      const inSample = { cols: sliceColumns(dataset.cols, 0, split), config: dataset.config };
      const lastComparison = options.lastComparison !== undefined ? options.lastComparison : newestComparison(strategyId);
      const input = await buildReviewInput(inSample.cols, entry, params, inSample.config, lastComparison);

      const advisor = advisorFor(request.advisor);
      const started = performance.now();
      const answer = await advisor.review(input, { requestId: options.requestId, signal: options.signal, inSample });
      const latencyMs = Math.round(performance.now() - started);

      let failure: SuggestionFailure | null = answer.failure;
      let proposedParams: Record<string, unknown> | null = null;
      if (answer.suggestion !== null) {
        const applied = applyDeltas(entry, params, answer.suggestion.deltas);
        if (applied.ok) proposedParams = applied.params;
        else failure = { code: 'out_of_bounds', message: `suggestion refused: ${applied.message}` };
      }
      const status = failure === null ? 'valid' : failure.code === 'out_of_bounds' || failure.code === 'model_refusal' ? 'refused' : 'invalid';
      const stored: StoredSuggestion = {
        id: randomUUID(),
        strategyId: entry.id,
        strategyVersion: entry.version,
        source: advisor.source,
        model: advisor.model,
        status,
        failure,
        baseParams: params,
        proposedParams,
        suggestion: answer.suggestion,
        attempts: answer.attempts,
        latencyMs,
        usage: answer.usage,
        loopId: options.loopId ?? null,
        requestId: options.requestId,
        createdAt: clock().toISOString(),
      };
      deps.suggestions.append(stored);
      deps.audit.append('ai.suggestion', {
        suggestionId: stored.id,
        strategyId: stored.strategyId,
        source: stored.source,
        model: stored.model,
        status,
        failure,
        deltas: answer.suggestion?.deltas ?? null,
        attempts: answer.attempts,
        latencyMs,
        usage: answer.usage,
        requestId: options.requestId,
        loopId: stored.loopId,
        exchanges: answer.exchanges,
      });
      return stored;
    },
  };
}
