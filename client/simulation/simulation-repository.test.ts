import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backtestReport, simulationRunOf } from '../../shared/backtest/index.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { createSimulationsRouter, createSimulationsStore } from '../../relay/simulations/index.ts';
import { openDatabase, type SqliteDatabase } from '../../relay/storage/database.ts';
import { SimulationDb } from './simulation-db.ts';
import { SimulationRepository } from './simulation-repository.ts';
import { fetchSimulation, postSimulation } from './simulations-api.ts';
import { BTC_CONFIG, btcColumns } from './test-dataset.ts';

const { report } = backtestReport(btcColumns(1500), strategyEntry('ema-rsi').bind({}), BTC_CONFIG);
const record = (createdAt: string): SimulationRecord => ({
  runId: crypto.randomUUID(),
  kind: 'backtest',
  createdAt,
  run: simulationRunOf(report),
  baselineParams: null,
  overfitting: null,
  inSampleFraction: null,
});

let dir: string;
let sqlite: SqliteDatabase;
let server: Server;
let baseUrl: string;
let db: SimulationDb;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sim-repo-'));
  sqlite = openDatabase(dir);
  const app = express();
  app.use('/api/v1', createSimulationsRouter({ store: createSimulationsStore(sqlite) }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  db = new SimulationDb(`sim-repo-${crypto.randomUUID()}`);
});

afterEach(async () => {
  await db.delete();
  await new Promise((resolve) => server.close(resolve));
  sqlite.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('simulation run repository', () => {
  it('keeps runs in IndexedDB, posts them to the relay and lists them newest first', async () => {
    const repo = new SimulationRepository(db, (r) => postSimulation(r, fetch, baseUrl));
    const older = await repo.save(record('2024-06-01T10:00:00.000Z'));
    const newer = await repo.save(record('2024-06-01T11:00:00.000Z'));
    expect(newer.relay).toEqual({ status: 'posted', error: null });
    expect((await repo.recent()).map((r) => r.runId)).toEqual([newer.runId, older.runId]);

    const fromRelay = await fetchSimulation(older.runId, fetch, baseUrl);
    const { relay: _relay, ...posted } = older;
    expect(fromRelay.simulation).toEqual(posted);
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
