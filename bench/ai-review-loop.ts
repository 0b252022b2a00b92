/**
 * Suggestion → simulation → decision-ready report with the local advisor on 100k 1m candles: one
 * review-loop round on the relay's real parts (market service, review service, worker-thread
 * search and comparison with walk-forward, simulation store), from the request to the final report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReviewLoopRequestSchema, type ReviewLoop } from '../shared/ai/index.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../shared/indicators/fixture-candles.ts';
import { fixtureGateway } from '../relay/ai/fixture-market.ts';
import { createLocalAdvisor } from '../relay/ai/local-advisor.ts';
import { createReviewLoops } from '../relay/ai/review-loop.ts';
import { createReviewService } from '../relay/ai/review-service.ts';
import { createSimulationPool } from '../relay/ai/simulation-pool.ts';
import { createSuggestionsStore } from '../relay/ai/suggestions-store.ts';
import { createAuditLog } from '../relay/audit/audit-log.ts';
import { MarketService } from '../relay/market/market-service.ts';
import { createSimulationsStore } from '../relay/simulations/simulations-store.ts';
import { openDatabase } from '../relay/storage/database.ts';
import { reportFigure } from './_figures.ts';
import { stitchCandles } from './_stitch-candles.ts';

const CANDLES = 100_000;
const candles = stitchCandles(loadFixtureCandles(BTC_1M_FIXTURE), CANDLES).map((c) => ({ ...c, turnover: c.close * c.volume }));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-ai-loop-'));
const db = openDatabase(dataDir);
const pool = createSimulationPool();
const market = new MarketService(fixtureGateway(candles));
const simulations = createSimulationsStore(db);
const audit = createAuditLog(db);
const reviews = createReviewService({ market, simulations, suggestions: createSuggestionsStore(db), audit, ai: null, local: createLocalAdvisor(pool) });

let done: (loop: ReviewLoop) => void = () => {};
const finished = new Promise<ReviewLoop>((resolve) => (done = resolve));
const loops = createReviewLoops({ reviews, pool, market, simulations, audit, onFinished: (loop) => done(loop) });

const started = performance.now();
await loops.start('ema-rsi', ReviewLoopRequestSchema.parse({ rounds: 1, dataset: { symbol: 'BTCUSDT', interval: '1m', from: candles[0]!.openTime, to: candles.at(-1)!.openTime } }), null);
const loop = await finished;
const seconds = (performance.now() - started) / 1000;
console.log(`  ${CANDLES} candles, ${loop.rounds.length} round: ${loop.stopReason}; verdict ${loop.rounds[0]?.verdict ?? 'none'}, evidence run ${loop.rounds[0]?.simulationRunId ?? 'none'}`);
reportFigure({ name: 'AI review loop (local advisor), suggestion → simulation → report, 100k candles', value: seconds, unit: 's', goal: 60, bound: 'max' });

await pool.close();
market.close();
db.close();
rmSync(dataDir, { recursive: true, force: true });
