import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { MIGRATIONS } from './migrations.ts';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'relay-db-'));
  dirs.push(root);
  return root;
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('openDatabase', () => {
  it('creates the data directory and a WAL-mode portal.sqlite that persists rows', () => {
    const dataDir = join(tempRoot(), 'nested', 'data');

    const db = openDatabase(dataDir);
    expect(existsSync(join(dataDir, 'portal.sqlite'))).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.exec('CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('hello');
    db.close();

    const reopened = openDatabase(dataDir);
    expect(reopened.prepare('SELECT body FROM notes').get()).toEqual({ body: 'hello' });
    reopened.close();
  });

  it('keeps the data folder 0700 and the database, -wal and -shm files 0600, also for an older wider folder', () => {
    const dataDir = join(tempRoot(), 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const db = openDatabase(dataDir);
    db.prepare("INSERT INTO drawings (id, symbol, json, updated_at) VALUES ('a', 'BTCUSDT', '{}', 'now')").run();
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const name of ['portal.sqlite', 'portal.sqlite-wal', 'portal.sqlite-shm']) {
        expect({ name, mode: mode(join(dataDir, name)).toString(8) }).toEqual({ name, mode: '600' });
      }
    } finally {
      db.close();
    }
  });
});

describe('migrations', () => {
  const tables = (db: Database.Database) =>
    db.prepare("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();

  it('bring an empty database to the latest version, and reopening changes nothing', () => {
    const dataDir = join(tempRoot(), 'data');
    const db = openDatabase(dataDir);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const schema = tables(db);
    expect(schema).toContainEqual({ type: 'trigger', name: 'drawing_events_no_overwrite' });
    db.close();
    const again = openDatabase(dataDir);
    expect(tables(again)).toEqual(schema);
    again.close();
  });

  it('upgrade a database made before the runner (user_version 0) and keep its rows', () => {
    const dataDir = join(tempRoot(), 'data');
    mkdirSync(dataDir);
    // The schema the stores created themselves before migrations existed.
    const old = new Database(join(dataDir, 'portal.sqlite'));
    old.exec(`
      CREATE TABLE drawings (id TEXT PRIMARY KEY, symbol TEXT NOT NULL, json TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE INDEX drawings_by_symbol ON drawings (symbol);
      CREATE TABLE drawing_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, drawing_id TEXT NOT NULL, symbol TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')), at TEXT NOT NULL, json TEXT NOT NULL);
      CREATE TABLE simulation_runs (run_id TEXT PRIMARY KEY, strategy_id TEXT NOT NULL, strategy_version TEXT NOT NULL,
        symbol TEXT NOT NULL, dataset_hash TEXT NOT NULL, params_json TEXT NOT NULL, verdict TEXT, recorded_at TEXT NOT NULL, json TEXT NOT NULL);
      CREATE TRIGGER simulation_runs_no_update BEFORE UPDATE ON simulation_runs BEGIN SELECT RAISE(ABORT, 'simulation_runs is append-only'); END;
      CREATE TRIGGER simulation_runs_no_delete BEFORE DELETE ON simulation_runs BEGIN SELECT RAISE(ABORT, 'simulation_runs is append-only'); END;
      INSERT INTO drawing_events (drawing_id, symbol, kind, at, json) VALUES ('d1', 'BTCUSDT', 'create', 'then', '{}');
    `);
    old.close();

    const db = openDatabase(dataDir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
      expect(db.prepare('SELECT drawing_id FROM drawing_events').all()).toEqual([{ drawing_id: 'd1' }]);
      expect(() => db.prepare("UPDATE drawing_events SET kind = 'delete'").run()).toThrow('drawing_events is append-only');
    } finally {
      db.close();
    }
  });

  it('refuse a database from a newer relay', () => {
    const dataDir = join(tempRoot(), 'data');
    mkdirSync(dataDir);
    const newer = new Database(join(dataDir, 'portal.sqlite'));
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => openDatabase(dataDir)).toThrow(/newer than this relay/);
  });
});

describe('append-only tables', () => {
  const cases = {
    simulation_runs: {
      key: 'run_id',
      row: "('r1', 's', '1', 'BTCUSDT', 'h', '{}', NULL, 'then', '{\"a\":1}')",
      columns: '(run_id, strategy_id, strategy_version, symbol, dataset_hash, params_json, verdict, recorded_at, json)',
      changed: "('r1', 's', '1', 'BTCUSDT', 'h', '{}', NULL, 'now', '{\"a\":2}')",
    },
    drawing_events: {
      key: 'seq',
      row: "(1, 'd1', 'BTCUSDT', 'create', 'then', '{\"a\":1}')",
      columns: '(seq, drawing_id, symbol, kind, at, json)',
      changed: "(1, 'd1', 'BTCUSDT', 'update', 'now', '{\"a\":2}')",
    },
  } as const;

  for (const [table, { key, row, columns, changed }] of Object.entries(cases)) {
    it(`${table} refuses UPDATE, DELETE, INSERT OR REPLACE, REPLACE INTO and UPSERT, leaving the row unchanged`, () => {
      const db = openDatabase(join(tempRoot(), 'data'));
      try {
        db.exec(`INSERT INTO ${table} ${columns} VALUES ${row}`);
        const before = db.prepare(`SELECT rowid, * FROM ${table}`).all();
        const attempts = [
          `UPDATE ${table} SET json = '{}'`,
          `DELETE FROM ${table}`,
          `INSERT OR REPLACE INTO ${table} ${columns} VALUES ${changed}`,
          `REPLACE INTO ${table} ${columns} VALUES ${changed}`,
          `INSERT INTO ${table} ${columns} VALUES ${changed} ON CONFLICT (${key}) DO UPDATE SET json = excluded.json`,
          `INSERT INTO ${table} ${columns} VALUES ${changed} ON CONFLICT DO NOTHING`,
        ];
        for (const sql of attempts) {
          expect(() => db.exec(sql), sql).toThrow(`${table} is append-only`);
          expect(db.prepare(`SELECT rowid, * FROM ${table}`).all(), sql).toEqual(before);
        }
        // The same overwrite with REPLACE's delete triggers off (another client's default) is still refused.
        db.pragma('recursive_triggers = OFF');
        expect(() => db.exec(`REPLACE INTO ${table} ${columns} VALUES ${changed}`)).toThrow(`${table} is append-only`);
        expect(db.prepare(`SELECT rowid, * FROM ${table}`).all()).toEqual(before);
      } finally {
        db.close();
      }
    });
  }

  it('simulation_runs refuses a REPLACE that would evict a row by its rowid under a new run_id', () => {
    const db = openDatabase(join(tempRoot(), 'data'));
    try {
      const { columns, row } = cases.simulation_runs;
      db.exec(`INSERT INTO simulation_runs ${columns} VALUES ${row}`);
      expect(() =>
        db.exec(`REPLACE INTO simulation_runs (rowid, ${columns.slice(1)} VALUES (1, 'r2', 's', '1', 'BTCUSDT', 'h', '{}', NULL, 'now', '{}')`),
      ).toThrow('simulation_runs is append-only');
      expect(db.prepare('SELECT run_id FROM simulation_runs').all()).toEqual([{ run_id: 'r1' }]);
    } finally {
      db.close();
    }
  });
});
