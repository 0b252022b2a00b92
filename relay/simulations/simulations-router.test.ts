import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { openDatabase } from '../storage/database.ts';
import { createSimulationsRouter } from './simulations-router.ts';
import { createSimulationsStore, type SimulationsStore } from './simulations-store.ts';

const { report } = backtestReport(btcColumns(2000), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG);

const record = (runId?: string): SimulationRecord => backtestRecord(report, runId);

let api: TestApiWithDatabase;
let store: SimulationsStore;
let baseUrl: string;

beforeEach(async () => {
  api = await listenWithTempDatabase('simulations-', (db) => {
    store = createSimulationsStore(db);
    return createSimulationsRouter({ store });
  });
  baseUrl = api.apiUrl;
});

afterEach(() => api.close());

function post(body: unknown, strategyId = 'ema-rsi'): Promise<Response> {
  return fetch(`${baseUrl}/strategies/${strategyId}/simulate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('simulation runs over HTTP', () => {
  it('records a run and returns it by runId with its params and dataset hash intact', async () => {
    const run = record();
    const created = await post(run);
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ runId: run.runId, created: true });

    const got = await fetch(`${baseUrl}/simulations/${run.runId}`);
    expect(got.status).toBe(200);
    const body = (await got.json()) as { simulation: SimulationRecord; recordedAt: string };
    expect(body.simulation).toEqual(run);
    expect(body.simulation.run.params).toMatchObject({ fastPeriod: 9, slowPeriod: 26 });
    expect(body.simulation.run.dataset.hash).toMatch(/^fnv64-[0-9a-f]{16}$/);
    expect(Date.parse(body.recordedAt)).not.toBeNaN();
  });

  it('is idempotent on runId and refuses to change a recorded run', async () => {
    const run = record();
    expect((await post(run)).status).toBe(201);
    const again = await post(run);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ runId: run.runId, created: false });

    const altered = { ...run, run: { ...run.run, params: { ...run.run.params, fastPeriod: 10 } } };
    const conflict = await post(altered);
    expect(conflict.status).toBe(409);
    expect(((await conflict.json()) as { error: { code: string } }).error.code).toBe('run_conflict');
    expect(store.get(run.runId)?.simulation.run.params.fastPeriod).toBe(9);
  });

  it('answers 400 with a message for a bad body, bad JSON or a strategy id that differs from the path', async () => {
    const missing = await post({ ...record(), run: { ...record().run, dataset: undefined } });
    expect(missing.status).toBe(400);
    const missingBody = (await missing.json()) as { error: { code: string; message: string } };
    expect(missingBody.error.code).toBe('invalid_simulation');
    expect(missingBody.error.message).toContain('run.dataset');

    const badId = await post({ ...record(), runId: 'not-a-uuid' });
    expect(((await badId.json()) as { error: { message: string } }).error.message).toContain('runId must be a UUID');

    const json = await post('{"runId":');
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: { code: string } }).error.code).toBe('invalid_json');

    const mismatch = await post(record(), 'donchian-atr');
    expect(mismatch.status).toBe(400);
    expect(((await mismatch.json()) as { error: { message: string } }).error.message).toBe(
      'body strategy ema-rsi does not match path strategy donchian-atr',
    );
  });

  it('refuses params the strategy does not know, naming the key and the valid ones', async () => {
    const typo = record();
    const res = await post({ ...typo, run: { ...typo.run, params: { ...typo.run.params, fastPeriode: 9 } } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_params');
    expect(body.error.message).toMatch(/^run\.params: .*unknown param "fastPeriode"; valid params: fastPeriod, slowPeriod, rsiPeriod/);
    expect(store.get(typo.runId)).toBeUndefined();

    const baseline = record();
    const badBaseline = await post({ ...baseline, kind: 'comparison', baselineParams: { fastPeriod: 9, fastPeriode: 9 }, overfitting: false, inSampleFraction: 0.7 });
    expect(badBaseline.status).toBe(400);
    expect(((await badBaseline.json()) as { error: { message: string } }).error.message).toMatch(/^baselineParams: .*"fastPeriode"/);

    const unknown = record();
    const other = await post({ ...unknown, run: { ...unknown.run, strategy: { id: 'nope', version: '1' } } }, 'nope');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { message: string } }).error.message).toMatch(/unknown strategy "nope"; expected one of ema-rsi/);
  });

  it('answers 404 for an unknown runId', async () => {
    const res = await fetch(`${baseUrl}/simulations/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unknown_simulation');
  });

  it('keeps runs append-only at the database level', async () => {
    const run = record();
    await post(run);
    expect(() => api.db.prepare("UPDATE simulation_runs SET verdict = 'better'").run()).toThrow(/append-only/);
    expect(() => api.db.prepare('DELETE FROM simulation_runs').run()).toThrow(/append-only/);
    expect(store.listByStrategy('ema-rsi').map((s) => s.simulation.runId)).toEqual([run.runId]);
  });

  it('survives a reopen of the database file', async () => {
    const run = record();
    await post(run);
    api.db.close();
    const reopened = openDatabase(api.dataDir);
    try {
      expect(createSimulationsStore(reopened).get(run.runId)?.simulation).toEqual(run);
    } finally {
      reopened.close();
    }
  });
});
