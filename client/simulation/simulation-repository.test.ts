import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backtestReport, simulationRunOf } from '../../shared/backtest/index.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { createAuditLog } from '../../relay/audit/audit-log.ts';
import { createSimulationsRouter, createSimulationsStore } from '../../relay/simulations/index.ts';
import { listenWithTempDatabase, type TestApi } from '../../relay/http/listen-for-test.ts';
import { SimulationDb } from './simulation-db.ts';
import { SimulationRepository } from './simulation-repository.ts';
import { fetchSimulation, postSimulation } from './simulations-api.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';

const { report } = await backtestReport(btcColumns(1500), strategyEntry('ema-rsi').bind({}), BTC_CONFIG);
const record = (createdAt: string): SimulationRecord => ({
  runId: crypto.randomUUID(),
  kind: 'backtest',
  createdAt,
  run: simulationRunOf(report),
  baselineParams: null,
  overfitting: null,
  inSampleFraction: null,
});

let relay: TestApi;
let baseUrl: string;
let db: SimulationDb;

beforeEach(async () => {
  relay = await listenWithTempDatabase('sim-repo-', (sqlite) => createSimulationsRouter({ store: createSimulationsStore(sqlite), audit: createAuditLog(sqlite) }));
  baseUrl = relay.origin;
  db = new SimulationDb(`sim-repo-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
  await relay.close();
});

describe('simulation run repository', () => {
  it('keeps runs in IndexedDB, posts them to the relay and lists them newest first', async () => {
    const repo = new SimulationRepository(db, (r) => postSimulation(r, fetch, baseUrl));
    const older = await repo.save(record('2024-06-01T10:00:00.000Z'));
    const newer = await repo.save(record('2024-06-01T11:00:00.000Z'));
    expect(newer.relay).toEqual({ status: 'posted', error: null });
    expect((await repo.recent()).map((r) => r.runId)).toEqual([newer.runId, older.runId]);

    const fromRelay = await fetchSimulation(older.runId, fetch, baseUrl);
    const { relay: _relay, trades: _trades, ...posted } = older;
    expect(fromRelay.simulation).toEqual(posted);
  });

  it('keeps the trades with the run in the browser but leaves them out of the relay record', async () => {
    const repo = new SimulationRepository(db, (r) => postSimulation(r, fetch, baseUrl));
    const saved = await repo.save(record('2024-06-01T10:00:00.000Z'), report.trades);
    expect(report.trades.length).toBeGreaterThan(0);
    // The chart marks fills only: the browser keeps the trades' fields, not the report's exit tags.
    const fills = report.trades.map(({ exitTag: _exitTag, ...fill }) => fill);
    expect((await repo.get(saved.runId))?.trades).toEqual(fills);
    expect((await repo.recent())[0]?.trades).toEqual(fills);
    expect(Object.keys((await fetchSimulation(saved.runId, fetch, baseUrl)).simulation)).not.toContain('trades');
  });

  it('refuses malformed trades before storing the run', async () => {
    const repo = new SimulationRepository(db, (r) => postSimulation(r, fetch, baseUrl));
    const bad = [{ ...report.trades[0]!, entryPrice: 'high' }] as unknown as typeof report.trades;
    await expect(repo.save(record('2024-06-01T10:00:00.000Z'), bad)).rejects.toThrow(/entryPrice/);
    expect(await repo.recent()).toEqual([]);
  });

  it('keeps a run locally when the relay is down and posts it on a later sync', async () => {
    const down = new SimulationRepository(db, (r) => postSimulation(r, fetch, 'http://127.0.0.1:1'));
    const saved = await down.save(record('2024-06-01T12:00:00.000Z'));
    expect(saved.relay.status).toBe('failed');
    expect(saved.relay.error).toMatch(/relay unreachable/);
    expect((await down.get(saved.runId))?.relay.status).toBe('failed');

    const up = new SimulationRepository(db, (r) => postSimulation(r, fetch, baseUrl));
    expect((await up.sync(saved)).relay).toEqual({ status: 'posted', error: null });
    expect((await up.get(saved.runId))?.relay.status).toBe('posted');
    expect((await fetchSimulation(saved.runId, fetch, baseUrl)).simulation.runId).toBe(saved.runId);
  });

  it('refuses an invalid record before storing anything', async () => {
    const repo = new SimulationRepository(db, (r) => postSimulation(r, fetch, baseUrl));
    await expect(repo.save({ ...record('2024-06-01T12:00:00.000Z'), runId: 'x' })).rejects.toThrow(/runId must be a UUID/);
    expect(await repo.recent()).toEqual([]);
  });
});
