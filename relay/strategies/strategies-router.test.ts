import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../shared/audit/index.ts';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import {
  MissingEvidenceErrorSchema,
  paramsHash,
  VersionDetailResponseSchema,
  VersionListResponseSchema,
  VersionResponseSchema,
  type StrategyVersion,
} from '../../shared/strategy-versions/index.ts';
import { recordedComparison } from '../../shared/strategy-versions/test-evidence.ts';
import { createCredentialStore } from '../access/credential-store.ts';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from '../access/test-access.ts';
import { parseConfig } from '../config.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import { openDatabase } from '../storage/database.ts';

/** The approval gate through the real relay: its role guard, simulations store, audit log and wiring. */
const VIEWER_TOKEN = 'test-viewer-token-0123456789abcdefghijklmnopqrs';
const VIEWER_AUTH = { authorization: `Bearer ${VIEWER_TOKEN}` };

let dataDir: string;
let relay: RunningRelay;
let base: string;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'strategies-router-'));
  const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN });
  relay = await startRelay(config, { gateway: new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]), logger: pino({ level: 'silent' }), distDir: join(dataDir, 'no-dist') });
  // Credentials live in SQLite, so a viewer token added beside the running relay counts at once.
  const side = openDatabase(dataDir);
  createCredentialStore(side).addViewerToken(VIEWER_TOKEN);
  side.close();
  base = `${relay.url}/api/v1`;
});

afterEach(async () => {
  await relay.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown, auth: Record<string, string> = OPERATOR_AUTH): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await res.json() };
}

const market1m = { symbol: 'BTCUSDT', interval: '1m' };

async function createVersion(params: Record<string, unknown>, strategyId = 'ema-rsi'): Promise<StrategyVersion> {
  const res = await call('POST', `/strategies/${strategyId}/versions`, { params, market: market1m, note: 'by hand' });
  expect(res.status).toBe(201);
  return VersionResponseSchema.parse(res.json).version;
}

async function record(run: SimulationRecord): Promise<void> {
  expect((await call('POST', `/strategies/${run.run.strategy.id}/simulate`, run)).status).toBe(201);
}

const errorOf = (json: unknown) => (json as { error: { code: string; message: string } }).error;
const stateOf = async (v: number) => VersionDetailResponseSchema.parse((await call('GET', `/strategies/ema-rsi/versions/${v}`)).json).version.approvalState;
/** The version changes in the audit log, oldest first, as [kind, to]. */
async function auditKinds(): Promise<Array<[string, unknown]>> {
  const { entries } = AuditPageSchema.parse((await call('GET', '/audit?limit=500')).json);
  return entries.filter((e) => e.kind === 'approval' || e.kind === 'strategy.activation').map((e): [string, unknown] => [e.kind, e.payload.to]).reverse();
}

describe('strategy versions over HTTP', () => {
  it('lists nothing for a strategy never given a version and 404s an unknown strategy or version', async () => {
    expect(await call('GET', '/strategies/ema-rsi/versions')).toEqual({ status: 200, json: { versions: [] } });
    const unknown = await call('GET', '/strategies/nope/versions');
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.json).message).toMatch(/unknown strategy "nope"; expected one of ema-rsi/);
    expect(errorOf((await call('GET', '/strategies/ema-rsi/versions/1')).json).code).toBe('unknown_version');
    expect(errorOf((await call('GET', '/strategies/ema-rsi/versions/0')).json).code).toBe('invalid_version_number');
  });

  it("creates a draft with the strategy's defaults filled, its params hash, indicators and code version, derived from the newest", async () => {
    const first = await createVersion({ fastPeriod: 9 });
    const filled = strategyEntry('ema-rsi').parseParams({ fastPeriod: 9 });
    expect(first).toMatchObject({
      strategyId: 'ema-rsi',
      version: 1,
      codeVersion: strategyEntry('ema-rsi').version,
      params: filled,
      paramsHash: await paramsHash(filled),
      indicators: strategyEntry('ema-rsi').bind(filled).indicators,
      market: market1m,
      approvalState: 'draft',
      parentVersion: null,
      origin: { kind: 'manual', note: 'by hand' },
      createdBy: 'operator',
    });
    const second = await createVersion({ fastPeriod: 10 });
    expect([second.version, second.parentVersion]).toEqual([2, 1]);
    const suggested = await call('POST', '/strategies/ema-rsi/versions', { params: {}, market: market1m, suggestionId: 'suggestion-7' });
    expect(VersionResponseSchema.parse(suggested.json).version).toMatchObject({ version: 3, parentVersion: 2, origin: { kind: 'suggestion', suggestionId: 'suggestion-7' } });
    const list = VersionListResponseSchema.parse((await call('GET', '/strategies/ema-rsi/versions')).json);
    expect(list.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(await auditKinds()).toEqual([
      ['approval', 'draft'],
      ['approval', 'draft'],
      ['approval', 'draft'],
    ]);
  });

  it('refuses params outside the bounds or unknown to the strategy, and a parent that does not exist', async () => {
    const out = await call('POST', '/strategies/ema-rsi/versions', { params: { fastPeriod: 1 }, market: market1m });
    expect(out.status).toBe(400);
    expect(errorOf(out.json)).toMatchObject({ code: 'invalid_params', message: expect.stringContaining('fastPeriod') });
    const typo = await call('POST', '/strategies/ema-rsi/versions', { params: { fastPeriode: 9 }, market: market1m });
    expect(errorOf(typo.json).message).toContain('unknown param "fastPeriode"');
    const parent = await call('POST', '/strategies/ema-rsi/versions', { params: {}, market: market1m, parentVersion: 4 });
    expect([parent.status, errorOf(parent.json).code]).toEqual([400, 'unknown_parent']);
    const noMarket = await call('POST', '/strategies/ema-rsi/versions', { params: {} });
    expect([noMarket.status, errorOf(noMarket.json).code]).toEqual([400, 'invalid_version']);
    expect(await call('GET', '/strategies/ema-rsi/versions')).toEqual({ status: 200, json: { versions: [] } });
  });

  it('makes a draft simulated when a comparison of exactly its params is recorded, or was recorded before it', async () => {
    const draft = await createVersion({ fastPeriod: 9 });
    await record(backtestRecord((await backtestReport(btcColumns(600), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG)).report));
    await record(await recordedComparison('ema-rsi', { fastPeriod: 10 }));
    expect(await stateOf(draft.version)).toBe('draft');
    const run = await recordedComparison('ema-rsi', { fastPeriod: 9 });
    await record(run);
    const detail = VersionDetailResponseSchema.parse((await call('GET', '/strategies/ema-rsi/versions/1')).json);
    expect(detail.version).toMatchObject({ approvalState: 'simulated', evidenceRunId: run.runId, stateChangedBy: null });
    expect(detail.transitions.map((t) => [t.from, t.to, t.evidenceRunId])).toEqual([
      [null, 'draft', null],
      ['draft', 'simulated', run.runId],
    ]);
    // Same params again: already simulated by that run.
    expect((await createVersion({ fastPeriod: 9, slowPeriod: 26 })).approvalState).toBe('simulated');
  });

  describe('every shortcut to approval is refused, naming what is missing', () => {
    const approve = async (v: number, body: unknown, auth?: Record<string, string>) => call('POST', `/strategies/ema-rsi/versions/${v}/approve`, body, auth);
    const missingOf = (json: unknown) => MissingEvidenceErrorSchema.parse(json).error.missing;

    it('without a recorded run', async () => {
      await createVersion({ fastPeriod: 9 });
      const runId = crypto.randomUUID();
      const res = await approve(1, { runId });
      expect(res.status).toBe(409);
      expect(missingOf(res.json)).toEqual([`no simulation run ${runId} is recorded; record a comparison run of version 1's params first`]);
    });

    it('with a run of other params, of another strategy, or a plain backtest without out-of-sample', async () => {
      const version = await createVersion({ fastPeriod: 9 });
      const other = await recordedComparison('ema-rsi', { fastPeriod: 10 });
      const donchian = await recordedComparison('donchian-atr', {});
      const backtest = backtestRecord((await backtestReport(btcColumns(600), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG)).report);
      for (const run of [other, donchian, backtest]) await record(run);

      expect(missingOf((await approve(1, { runId: other.runId })).json)).toContain(
        `run ${other.runId} simulated other params (${await paramsHash(other.run.params)}), not version 1's (${version.paramsHash})`,
      );
      expect(missingOf((await approve(1, { runId: donchian.runId })).json)).toContain(`run ${donchian.runId} is of strategy donchian-atr, not ema-rsi`);
      const plain = missingOf((await approve(1, { runId: backtest.runId })).json);
      expect(plain).toContain(`run ${backtest.runId} is a backtest, not a comparison of the version against a baseline`);
      expect(plain).toContain(`run ${backtest.runId} has no out-of-sample window`);
      expect(await stateOf(1)).toBe('draft');
    });

    // A comparison posted now always carries its walk-forward and SHA-256 data (the route refuses it otherwise); approval-evidence.test.ts covers records without them.
    it('with a comparison of exactly its params on another dataset than stated', async () => {
      await createVersion({ fastPeriod: 9 });
      const run = await recordedComparison('ema-rsi', { fastPeriod: 9 });
      await record(run);
      const res = await approve(1, { runId: run.runId, datasetHash: 'sha256-stated' });
      expect(res.status).toBe(409);
      const missing = missingOf(res.json);
      expect(missing).toContain(`run ${run.runId} is on dataset ${run.run.dataset.hash}, not the stated sha256-stated`);
      expect(errorOf(res.json).message).toMatch(/^version 1 of ema-rsi cannot be approved: /);
      expect(await stateOf(1)).toBe('simulated');
      expect((await auditKinds()).filter(([, to]) => to === 'approved')).toEqual([]);
    });

    it('with a viewer token, on every write, while a viewer still reads', async () => {
      await createVersion({ fastPeriod: 9 });
      const writes: Array<[string, unknown]> = [
        ['/strategies/ema-rsi/versions', { params: {}, market: market1m }],
        ['/strategies/ema-rsi/versions/1/approve', { runId: crypto.randomUUID() }],
        ['/strategies/ema-rsi/versions/1/reject', { reason: 'no' }],
        ['/strategies/ema-rsi/versions/1/activate', undefined],
        ['/strategies/ema-rsi/rollback', undefined],
      ];
      for (const [path, body] of writes) expect({ path, status: (await call('POST', path, body, VIEWER_AUTH)).status }).toEqual({ path, status: 403 });
      expect((await call('GET', '/strategies/ema-rsi/versions/1', undefined, VIEWER_AUTH)).status).toBe(200);
      expect(await stateOf(1)).toBe('draft');
    });

    it('with a malformed body', async () => {
      await createVersion({});
      const res = await approve(1, { runId: 'not-a-uuid' });
      expect([res.status, errorOf(res.json).code]).toEqual([400, 'invalid_approval']);
    });
  });

  it('activates only an approved version and has nothing to roll back to before any activation', async () => {
    await createVersion({ fastPeriod: 9 });
    const activate = await call('POST', '/strategies/ema-rsi/versions/1/activate');
    expect(activate.status).toBe(409);
    expect(errorOf(activate.json)).toMatchObject({ code: 'not_approved', message: 'version 1 of ema-rsi is draft; only an approved version can be activated' });
    const rollback = await call('POST', '/strategies/ema-rsi/rollback');
    expect(rollback.status).toBe(409);
    expect(errorOf(rollback.json)).toMatchObject({ code: 'nothing_to_roll_back', message: 'ema-rsi has no active version to roll back' });
    expect(VersionListResponseSchema.parse((await call('GET', '/strategies/ema-rsi/versions')).json).versions.map((v) => v.approvalState)).toEqual(['draft']);
  });

  it('rejects a draft into retired with its reason, and nothing comes back from retired', async () => {
    await createVersion({ fastPeriod: 9 });
    const rejected = await call('POST', '/strategies/ema-rsi/versions/1/reject', { reason: 'drawdown too deep' });
    expect(rejected.status).toBe(200);
    expect(VersionResponseSchema.parse(rejected.json).version).toMatchObject({ approvalState: 'retired', stateChangedBy: 'operator' });
    const detail = VersionDetailResponseSchema.parse((await call('GET', '/strategies/ema-rsi/versions/1')).json);
    expect(detail.transitions.at(-1)).toMatchObject({ from: 'draft', to: 'retired', reason: 'drawdown too deep', actor: 'operator' });
    const again = await call('POST', '/strategies/ema-rsi/versions/1/reject', { reason: 'again' });
    expect([again.status, errorOf(again.json).code]).toEqual([409, 'invalid_transition']);
    expect(errorOf((await call('POST', '/strategies/ema-rsi/versions/1/reject', { reason: ' ' })).json).code).toBe('invalid_rejection');
    expect(await auditKinds()).toEqual([
      ['approval', 'draft'],
      ['approval', 'retired'],
    ]);
  });
});
