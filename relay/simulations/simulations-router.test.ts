import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { backtestRecord, testComparisonRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import { canonicalJson } from '../../shared/json/canonical-json.ts';
import { sha256Hex } from '../audit/audit-chain.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { openDatabase } from '../storage/database.ts';
import { createSimulationsRouter } from './simulations-router.ts';
import { createSimulationsStore, type SimulationsStore } from './simulations-store.ts';

const { report } = await backtestReport(btcColumns(2000), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG);

const record = (runId?: string): SimulationRecord => backtestRecord(report, runId);
const comparison = await testComparisonRecord();

let api: TestApiWithDatabase;
let store: SimulationsStore;
let audit: AuditLog;
let baseUrl: string;

beforeEach(async () => {
  api = await listenWithTempDatabase('simulations-', (db) => {
    store = createSimulationsStore(db);
    audit = createAuditLog(db);
    return createSimulationsRouter({ store, audit });
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
    expect(body.simulation.run.dataset.hash).toMatch(/^sha256-[0-9a-f]{64}$/);
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

  it('records each newly stored run in the audit log once, with its params and dataset hashes', async () => {
    const run = record();
    await post(run);
    await post(run);
    await post({ ...run, run: { ...run.run, params: { ...run.run.params, fastPeriod: 10 } } });
    const { entries } = audit.page(AuditQuerySchema.parse({}));
    expect(entries.map((e) => [e.kind, e.payload])).toEqual([
      [
        'simulation.run',
        {
          runId: run.runId,
          strategy: { id: 'ema-rsi', version: run.run.strategy.version },
          symbol: run.run.symbol,
          paramsHash: sha256Hex(canonicalJson(run.run.params)),
          datasetHash: run.run.dataset.hash,
        },
      ],
    ]);
    // Key order in the params must not change the hash.
    const reordered = Object.fromEntries(Object.entries(run.run.params).reverse());
    expect(sha256Hex(canonicalJson(reordered))).toBe(entries[0]?.payload.paramsHash);
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

    const typoBaseline = { fastPeriod: 9, fastPeriode: 9 };
    const badBaseline = await post({ ...comparison, runId: crypto.randomUUID(), baselineParams: typoBaseline, comparison: { ...comparison.comparison!, baselineParams: typoBaseline } });
    expect(badBaseline.status).toBe(400);
    expect(((await badBaseline.json()) as { error: { message: string } }).error.message).toMatch(/^baselineParams: .*"fastPeriode"/);

    const unknown = record();
    const other = await post({ ...unknown, run: { ...unknown.run, strategy: { id: 'nope', version: '1' } } }, 'nope');
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: { message: string } }).error.message).toMatch(/unknown strategy "nope"; expected one of ema-rsi/);
  });

  it('keeps a comparison whole, and refuses one without its report or whose verdict does not follow from its numbers', async () => {
    const created = await post(comparison);
    expect(created.status).toBe(201);
    const got = (await (await fetch(`${baseUrl}/simulations/${comparison.runId}`)).json()) as { simulation: SimulationRecord };
    expect(got.simulation.comparison).toEqual(comparison.comparison);
    expect(got.simulation.comparison?.walkForward.windows).toHaveLength(2);

    const refused = async (body: unknown, message: RegExp) => {
      const res = await post(body);
      expect(res.status).toBe(400);
      const error = ((await res.json()) as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('invalid_simulation');
      expect(error.message).toMatch(message);
    };
    const c = comparison.comparison!;
    await refused({ ...comparison, runId: crypto.randomUUID(), comparison: undefined }, /a comparison record must carry its comparison report/);
    // A stored verdict must be what its own numbers and thresholds give.
    const flipped = c.verdict === 'worse' ? 'better' : 'worse';
    await refused({ ...comparison, runId: crypto.randomUUID(), run: { ...comparison.run, verdict: flipped }, comparison: { ...c, verdict: flipped } }, /does not follow from its own numbers and config/);
    const stricter = { ...c, config: { ...c.config, minScoreDelta: 1e6 } };
    await refused({ ...comparison, runId: crypto.randomUUID(), comparison: stricter }, /does not follow from its own numbers and config/);
    await refused({ ...comparison, runId: crypto.randomUUID(), comparison: { ...c, candidateParams: { ...c.candidateParams, fastPeriod: 10 } } }, /comparison.candidateParams are not run.params/);
    await refused({ ...record(), comparison: c }, /a backtest record carries no comparison/);
  });

  it('still reads a comparison stored before the report was kept whole', () => {
    const { comparison: _report, ...older } = { ...comparison, runId: crypto.randomUUID() };
    expect(store.record(older).status).toBe('created');
    expect(store.get(older.runId)?.simulation).toEqual(older);
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
