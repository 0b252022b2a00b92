import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftVersion } from '../../shared/strategy-versions/test-evidence.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { MIGRATIONS } from '../storage/migrations.ts';
import { createVersionsStore, StaleTransitionError, VersionContentSchema, type VersionsStore } from './versions-store.ts';

let dataDir: string;
let db: SqliteDatabase;
let store: VersionsStore;
const at = new Date('2026-12-02T07:00:00.000Z');

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'versions-store-'));
  db = openDatabase(dataDir);
  store = createVersionsStore(db, () => at);
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const content = async (strategyId: string, params: Record<string, unknown>) => VersionContentSchema.parse(await draftVersion(strategyId, params));

describe('strategy versions store', () => {
  it('starts from an empty database with both tables and answers a strategy never given a version with nothing', () => {
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'strategy_version%' ORDER BY name").all();
    expect(tables.map((t) => t.name)).toEqual(['strategy_version_transitions', 'strategy_versions']);
    expect(store.list('ema-rsi')).toEqual([]);
    expect(store.get('ema-rsi', 1)).toBeUndefined();
    expect(store.allActive()).toEqual([]);
  });

  it('numbers versions 1, 2, 3… per strategy, each a draft with its creation transition', async () => {
    const first = store.create(await content('ema-rsi', { fastPeriod: 9 }));
    const second = store.create(await content('ema-rsi', { fastPeriod: 10 }));
    const other = store.create(await content('donchian-atr', {}));
    expect([first.version, second.version, other.version]).toEqual([1, 2, 1]);
    expect(second).toMatchObject({ approvalState: 'draft', stateChangedBy: 'operator', evidenceRunId: null, params: { fastPeriod: 10, slowPeriod: 26 } });
    expect(store.list('ema-rsi').map((v) => v.version)).toEqual([2, 1]);
    expect(store.transitions('ema-rsi', 2)).toEqual([
      { seq: 2, strategyId: 'ema-rsi', version: 2, from: null, to: 'draft', actor: 'operator', at: second.createdAt, evidenceRunId: null, reason: null },
    ]);
  });

  it('takes the state from the last transition and the evidence from the last one that named a run', async () => {
    store.create(await content('ema-rsi', {}));
    store.transition([
      { strategyId: 'ema-rsi', version: 1, from: 'draft', to: 'simulated', actor: null, evidenceRunId: 'run-a' },
      { strategyId: 'ema-rsi', version: 1, from: 'simulated', to: 'approved', actor: 'operator', evidenceRunId: 'run-b' },
      { strategyId: 'ema-rsi', version: 1, from: 'approved', to: 'active', actor: 'operator' },
    ]);
    expect(store.get('ema-rsi', 1)).toMatchObject({ approvalState: 'active', stateChangedBy: 'operator', stateChangedAt: at.toISOString(), evidenceRunId: 'run-b' });
    expect(store.allActive().map((v) => [v.strategyId, v.version])).toEqual([['ema-rsi', 1]]);
    expect(store.transitions('ema-rsi').map((t) => t.to)).toEqual(['draft', 'simulated', 'approved', 'active']);
  });

  it('writes none of a set of changes when one no longer starts from the state it names', async () => {
    store.create(await content('ema-rsi', {}));
    expect(() =>
      store.transition([
        { strategyId: 'ema-rsi', version: 1, from: 'draft', to: 'simulated', actor: null },
        { strategyId: 'ema-rsi', version: 1, from: 'draft', to: 'retired', actor: 'operator' },
      ]),
    ).toThrow(StaleTransitionError);
    expect(store.get('ema-rsi', 1)?.approvalState).toBe('draft');
    expect(() => store.transition([{ strategyId: 'ema-rsi', version: 9, from: 'draft', to: 'simulated', actor: null }])).toThrow(/missing/);
  });

  const attempts = {
    strategy_versions: [
      "UPDATE strategy_versions SET params_hash = 'sha256-x'",
      'DELETE FROM strategy_versions',
      "REPLACE INTO strategy_versions (seq, strategy_id, version, code_version, params_hash, created_at, json) VALUES (99, 'ema-rsi', 1, '1', 'h', 'now', '{}')",
      "INSERT OR REPLACE INTO strategy_versions (seq, strategy_id, version, code_version, params_hash, created_at, json) VALUES (1, 'ema-rsi', 1, '1', 'h', 'now', '{}')",
    ],
    strategy_version_transitions: [
      "UPDATE strategy_version_transitions SET to_state = 'active'",
      'DELETE FROM strategy_version_transitions',
      "INSERT OR REPLACE INTO strategy_version_transitions (seq, strategy_id, version, to_state, at) VALUES (1, 'ema-rsi', 1, 'active', 'now')",
    ],
  };
  for (const [table, sqls] of Object.entries(attempts)) {
    it(`${table} refuses UPDATE, DELETE and overwriting inserts, so history cannot be rewritten`, async () => {
      store.create(await content('ema-rsi', {}));
      const before = store.get('ema-rsi', 1);
      for (const sql of sqls) expect(() => db.exec(sql), sql).toThrow(`${table} is append-only`);
      expect(store.get('ema-rsi', 1)).toEqual(before);
    });
  }

  it('survives a reopen of the database file', async () => {
    const created = store.create(await content('ema-rsi', { fastPeriod: 9 }));
    db.close();
    db = openDatabase(dataDir);
    expect(createVersionsStore(db).get('ema-rsi', 1)).toEqual(created);
  });
});
