import type { Router } from 'express';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { MarketService } from '../market/market-service.ts';
import type { SimulationsStore } from '../simulations/simulations-store.ts';
import type { SimulationRecord } from '../../shared/simulations/schemas.ts';
import type { SqliteDatabase } from '../storage/database.ts';
import type { Advisor } from './advisor.ts';
import { createAiRouter } from './ai-router.ts';
import { createLocalAdvisor } from './local-advisor.ts';
import { createReviewLoops } from './review-loop.ts';
import { createReviewService } from './review-service.ts';
import type { SimulationPool } from './simulation-pool.ts';
import { createSuggestionsStore } from './suggestions-store.ts';

export { openAiAdvisor } from './open-ai-advisor.ts';
export { createSimulationPool, type SimulationPool } from './simulation-pool.ts';
export type { Advisor } from './advisor.ts';

export interface AiReviewDeps {
  db: SqliteDatabase;
  market: MarketService;
  simulations: SimulationsStore;
  audit: AuditRecorder;
  /** OpenRouter or its stand-in; null reviews with the local advisor. */
  advisor: Advisor | null;
  /** Its owner closes it (which also ends running loops' simulations). */
  pool: SimulationPool;
  /** Told of each comparison the review loop records (the versions' evidence hook). */
  onRecorded?: (record: SimulationRecord) => Promise<unknown>;
}

/** The AI review routes over their store, service and loop runner. */
export function createAiReviewRouter(deps: AiReviewDeps): Router {
  const suggestions = createSuggestionsStore(deps.db);
  const reviews = createReviewService({ ...deps, suggestions, ai: deps.advisor, local: createLocalAdvisor(deps.pool) });
  const loops = createReviewLoops({ ...deps, reviews });
  return createAiRouter({ reviews, loops, suggestions });
}
