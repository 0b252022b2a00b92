import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReviewLoopSchema, StoredSuggestionSchema, type ReviewLoop, type StoredSuggestion } from '../../shared/ai/index.ts';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import { PostedSimulationRecordSchema } from '../../shared/simulations/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { SecretValue } from '../access/secrets.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { MarketService } from '../market/market-service.ts';
import { startOpenAiStandIn, STANDIN_MODEL, type OpenAiStandIn } from '../openai-standin/index.ts';
import { createSimulationsStore, type SimulationsStore } from '../simulations/simulations-store.ts';
import { fixtureDataset, fixtureGateway } from './fixture-market.ts';
import { createAiReviewRouter } from './index.ts';
import { createOpenRouterAdvisor } from './openrouter-advisor.ts';
import { createSimulationPool } from './simulation-pool.ts';

const pool = createSimulationPool(1);
let standIn: OpenAiStandIn;
let api: TestApiWithDatabase;
let audit: AuditLog;
let simulations: SimulationsStore;
const market = new MarketService(fixtureGateway());
const dataset = fixtureDataset(3000);
/** What the loop told its evidence hook (relay/app.ts passes versions.noteSimulation). */
const noted: string[] = [];

beforeAll(async () => {
  standIn = await startOpenAiStandIn({ apiKey: 'sk-test' });
  const advisor = createOpenRouterAdvisor({ apiKey: new SecretValue('sk-test'), baseUrl: standIn.baseUrl, model: STANDIN_MODEL, source: 'standin', sleep: async () => {} });
  api = await listenWithTempDatabase('ai-review-', (db) => {
    audit = createAuditLog(db);
    simulations = createSimulationsStore(db);
    return createAiReviewRouter({ db, market, simulations, audit, advisor, pool, onRecorded: async (record) => noted.push(record.runId) });
  });
});
afterAll(async () => {
  await api.close();
  await standIn.close();
  await pool.close();
  market.close();
});
afterEach(() => standIn.script([]));

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api.apiUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

async function waitForLoop(loopId: string): Promise<ReviewLoop> {
  for (let i = 0; i < 600; i++) {
    const loop = ReviewLoopSchema.parse(((await (await fetch(`${api.apiUrl}/review-loops/${loopId}`)).json()) as { loop: unknown }).loop);
    if (loop.state !== 'running') return loop;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('loop did not finish');
}

describe('POST /strategies/:id/review', () => {
  it('local: a bounded search on the in-sample window, stored, listed and audited', async () => {
    const res = await post('/strategies/ema-rsi/review', { dataset, advisor: 'local' }, { 'x-request-id': 'req-local-1' });
    expect(res.status).toBe(201);
    const { suggestion } = (await res.json()) as { suggestion: StoredSuggestion };
    expect(StoredSuggestionSchema.parse(suggestion)).toEqual(suggestion);
    expect(suggestion).toMatchObject({ source: 'local', status: 'valid', failure: null, requestId: 'req-local-1', strategyId: 'ema-rsi' });
    expect(strategyEntry('ema-rsi').parseParams(suggestion.proposedParams)).toEqual(suggestion.proposedParams);

    const list = (await (await fetch(`${api.apiUrl}/ai-suggestions?strategyId=ema-rsi`)).json()) as { suggestions: StoredSuggestion[] };
    expect(list.suggestions.map((s) => s.id)).toContain(suggestion.id);
    const [entry] = audit.page(AuditQuerySchema.parse({ kind: 'ai.suggestion' })).entries;
    expect(entry!.payload).toMatchObject({ suggestionId: suggestion.id, source: 'local', status: 'valid', requestId: 'req-local-1', latencyMs: expect.any(Number) });
  });

  it('stand-in: a valid answer is labelled standin with its model and usage; the request id reaches the provider', async () => {
    standIn.script(['valid']);
    const res = await post('/strategies/ema-rsi/review', { dataset }, { 'x-request-id': 'req-ai-7' });
    expect(res.status).toBe(201);
    const { suggestion } = (await res.json()) as { suggestion: StoredSuggestion };
    expect(suggestion).toMatchObject({ source: 'standin', model: STANDIN_MODEL, status: 'valid', usage: { cost: 0 } });
    expect(standIn.requests.at(-1)!.headers['x-request-id']).toBe('req-ai-7');
    const [entry] = audit.page(AuditQuerySchema.parse({ kind: 'ai.suggestion' })).entries;
    const exchanges = entry!.payload.exchanges as { prompt: { content: string }[]; response: string }[];
    expect(exchanges[0]!.prompt[1]!.content).toContain('"strategy":{"id":"ema-rsi"');
    expect(JSON.parse(exchanges[0]!.response)).toEqual(suggestion.suggestion);
  });

  it('out-of-bounds deltas are refused naming the param, stored as refused', async () => {
    standIn.script(['out_of_bounds']);
    const res = await post('/strategies/ema-rsi/review', { dataset });
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe('suggestion_out_of_bounds');
    expect(error.message).toMatch(/param fastPeriod refused: fastPeriod: Too big/);
    const [latest] = ((await (await fetch(`${api.apiUrl}/ai-suggestions?strategyId=ema-rsi`)).json()) as { suggestions: StoredSuggestion[] }).suggestions;
    expect(latest).toMatchObject({ status: 'refused', proposedParams: null, failure: { code: 'out_of_bounds' } });
    expect(error.message).toContain(latest!.id);
  });

  it('invalid twice is a visible 502 stored as invalid; a refusal is a 502 stored as refused', async () => {
    standIn.script(['invalid_json', 'schema_violation']);
    const invalid = await post('/strategies/ema-rsi/review', { dataset });
    expect(invalid.status).toBe(502);
    expect(await errorOf(invalid)).toMatchObject({ code: 'ai_invalid_output', message: expect.stringContaining('invalid answer after one retry') });
    standIn.script(['refusal']);
    const refused = await post('/strategies/ema-rsi/review', { dataset });
    expect(refused.status).toBe(502);
    expect(await errorOf(refused)).toMatchObject({ code: 'ai_refused' });
    const statuses = ((await (await fetch(`${api.apiUrl}/ai-suggestions?strategyId=ema-rsi`)).json()) as { suggestions: StoredSuggestion[] }).suggestions.map((s) => s.status);
    expect(statuses.slice(0, 2)).toEqual(['refused', 'invalid']);
  });

  it('refuses bad input with a 4xx naming it', async () => {
    expect((await post('/strategies/nope/review', { dataset })).status).toBe(404);
    expect(await errorOf(await post('/strategies/ema-rsi/review', { dataset, params: { fastPeriode: 3 } }))).toMatchObject({ code: 'invalid_params' });
    expect(await errorOf(await post('/strategies/ema-rsi/review', { dataset: { ...dataset, from: dataset.to } }))).toMatchObject({ code: 'invalid_review' });
    expect(await errorOf(await post('/strategies/ema-rsi/review', { dataset: fixtureDataset(20) }))).toMatchObject({ code: 'not_enough_candles' });
    expect((await fetch(`${api.apiUrl}/ai-suggestions?strategyId=`)).status).toBe(400);
  });
});

describe('the review loop', () => {
  it('runs rounds, simulates each suggestion on a worker and records the comparison as evidence, ending in a report', async () => {
    const res = await post('/strategies/ema-rsi/review-loop', { rounds: 2, dataset, advisor: 'local', comparison: { walkForward: { windows: 2, candidates: 4 } } });
    expect(res.status).toBe(202);
    const started = ReviewLoopSchema.parse(((await res.json()) as { loop: unknown }).loop);
    const loop = await waitForLoop(started.loopId);
    expect(loop.state).toBe('finished');
    expect(loop.rounds.length).toBeGreaterThanOrEqual(1);
    const first = loop.rounds[0]!;
    expect(first.suggestionStatus).toBe('valid');
    expect(first.simulationRunId).not.toBeNull();
    const stored = simulations.get(first.simulationRunId!)!.simulation;
    expect(stored).toMatchObject({ kind: 'comparison', baselineParams: first.baselineParams, run: { params: first.candidateParams, verdict: first.verdict } });
    expect(stored.comparison?.walkForward.windows.length).toBe(2);
    // The same checks a posted comparison must pass: its verdict follows from its own numbers.
    expect(PostedSimulationRecordSchema.safeParse(stored).success).toBe(true);
    // Every recorded comparison reaches the versions' evidence hook, so a draft of those params becomes simulated.
    expect(noted).toEqual(expect.arrayContaining(loop.rounds.flatMap((r) => (r.simulationRunId === null ? [] : [r.simulationRunId]))));
    expect(first.walkForward).toEqual({
      stitched: { baseline: stored.comparison!.walkForward.stitched.baseline, candidate: stored.comparison!.walkForward.stitched.candidate },
      efficiency: stored.comparison!.walkForward.efficiency,
      overfitting: stored.comparison!.walkForward.overfitting,
    });
    expect(loop.report).not.toBeNull();
    expect(loop.report!.evidenceRunId).toBe(loop.rounds.findLast((r) => r.verdict === 'better')?.simulationRunId ?? null);
    // A round runs only after a win: a candidate that is not better ends the loop.
    expect(loop.rounds.slice(0, -1).every((r) => r.verdict === 'better')).toBe(true);

    // The next review is told the newest recorded comparison: its run, verdict and reasons are in the prompt.
    const newest = loop.rounds.findLast((r) => r.simulationRunId !== null)!;
    standIn.script(['valid']);
    expect((await post('/strategies/ema-rsi/review', { dataset })).status).toBe(201);
    const prompt = (standIn.requests.at(-1)!.body as { messages: { content: string }[] }).messages[1]!.content;
    expect(prompt).toContain(`"lastComparison":{"runId":"${newest.simulationRunId}"`);
    expect(prompt).toContain(JSON.stringify(newest.reasons[0]));
  });

  it('stops at a round whose suggestion fails, and cancels on request', async () => {
    standIn.script(['refusal']);
    const failed = ReviewLoopSchema.parse(((await (await post('/strategies/ema-rsi/review-loop', { rounds: 3, dataset })).json()) as { loop: unknown }).loop);
    const done = await waitForLoop(failed.loopId);
    expect(done).toMatchObject({ state: 'finished', rounds: [{ suggestionStatus: 'refused', simulationRunId: null }] });
    expect(done.stopReason).toContain('refused');

    standIn.script(['stall']);
    const stalled = ReviewLoopSchema.parse(((await (await post('/strategies/ema-rsi/review-loop', { rounds: 3, dataset })).json()) as { loop: unknown }).loop);
    const cancelled = await post(`/review-loops/${stalled.loopId}/cancel`, {});
    expect(cancelled.status).toBe(200);
    expect(((await cancelled.json()) as { loop: ReviewLoop }).loop.state).toBe('cancelled');
    expect((await fetch(`${api.apiUrl}/review-loops/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
