import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReviewRequestSchema } from '../../shared/ai/index.ts';
import { columnsFromCandles } from '../../shared/backtest/candle-columns.ts';
import { BTC_CONFIG } from '../../shared/backtest/test-dataset.ts';
import type { Candle } from '../../shared/market/index.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { MarketService } from '../market/market-service.ts';
import { createSimulationsStore } from '../simulations/simulations-store.ts';
import { openDatabase } from '../storage/database.ts';
import { FIXTURE_CANDLES, fixtureDataset, fixtureGateway } from './fixture-market.ts';
import { createLocalAdvisor } from './local-advisor.ts';
import { createReviewService, inSampleEnd } from './review-service.ts';
import { createSimulationPool } from './simulation-pool.ts';
import { createSuggestionsStore } from './suggestions-store.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'local-advisor-'));
const db = openDatabase(dataDir);
const pool = createSimulationPool(1);
const market = new MarketService(fixtureGateway());
const reviews = createReviewService({
  market,
  simulations: createSimulationsStore(db),
  suggestions: createSuggestionsStore(db),
  audit: createAuditLog(db),
  ai: null,
  local: createLocalAdvisor(pool),
});
afterAll(async () => {
  await pool.close();
  market.close();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const COUNT = 3000;
const request = ReviewRequestSchema.parse({ dataset: fixtureDataset(COUNT), comparison: { inSampleFraction: 0.7 } });
const split = inSampleEnd(COUNT, 0.7);

/** The fixture with the candles from `from` on replaced by a mirrored, rescaled walk (same spacing, other prices). */
function alteredFrom(from: number): Candle[] {
  return FIXTURE_CANDLES.slice(0, COUNT).map((c, i) => (i < from ? c : { ...c, open: c.open * 0.7, high: c.high * 0.72, low: c.low * 0.68, close: c.close * (0.7 + 0.0001 * (i % 7)), volume: c.volume * 3 }));
}

const review = (candles: Candle[]) =>
  reviews.review('ema-rsi', request, { requestId: null, lastComparison: null, dataset: { cols: columnsFromCandles(candles), config: BTC_CONFIG } });

describe('the local advisor', () => {
  it('never sees the out-of-sample candles: changing them does not change the suggestion; changing in-sample ones does', async () => {
    const original = await review(FIXTURE_CANDLES.slice(0, COUNT));
    const oosChanged = await review(alteredFrom(split));
    const isChanged = await review(alteredFrom(split - 500));
    expect(original).toMatchObject({ source: 'local', status: 'valid' });
    expect(oosChanged.suggestion).toEqual(original.suggestion);
    expect(oosChanged.proposedParams).toEqual(original.proposedParams);
    // The same test is sensitive: once the change reaches into the in-sample window, the search sees it.
    expect(isChanged.suggestion?.rationale).not.toEqual(original.suggestion?.rationale);
  });

  it('proposes params inside the bounds, scored better in sample than the current ones, and is reproducible', async () => {
    const first = await review(FIXTURE_CANDLES.slice(0, COUNT));
    const again = await review(FIXTURE_CANDLES.slice(0, COUNT));
    expect(again.suggestion).toEqual(first.suggestion);
    expect(first.suggestion!.deltas.length).toBeGreaterThan(0);
    for (const d of first.suggestion!.deltas) expect(first.baseParams[d.param]).toBe(d.from);
    expect(first.suggestion!.confidence).toBeLessThanOrEqual(0.6);
  });
});
