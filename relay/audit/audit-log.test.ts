import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { auditRowHash, GENESIS_HASH } from './audit-chain.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';

let dataDir: string;
let db: SqliteDatabase;
let log: AuditLog;
let now: number;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'audit-log-'));
  db = openDatabase(dataDir);
  now = Date.parse('2026-01-01T00:00:00Z');
  // Each append one minute after the last, so time filters have distinct rows to pick.
  log = createAuditLog(db, () => new Date((now += 60_000)));
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const config = { tradingMode: 'paper', bybitEnv: 'sim' } as const;
const drawing = (change: 'create' | 'update' | 'delete') => ({ change, drawingId: 'd1', symbol: 'BTCUSDT', shapeType: 'trendline' }) as const;

describe('audit log', () => {
  it('chains each row to the previous one by SHA-256 over canonical content', () => {
    const first = log.append('config.change', config);
    const second = log.append('drawing.change', drawing('create'), 'session-1');
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH, actor: null, at: '2026-01-01T00:01:00.000Z' });
    expect(first.hash).toBe(auditRowHash(GENESIS_HASH, first));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash, actor: 'session-1' });
    // The stored payload is canonical JSON: sorted keys, no whitespace.
    expect(db.prepare('SELECT payload FROM audit_log WHERE seq = 1').pluck().get()).toBe('{"bybitEnv":"sim","tradingMode":"paper"}');
    expect(log.verify()).toEqual({ state: 'intact', rows: 2 });
  });

  it('an empty log is intact with 0 rows', () => {
    expect(log.verify()).toEqual({ state: 'intact', rows: 0 });
  });

  it('refuses a payload that does not fit its kind, and stores nothing', () => {
    expect(() => log.append('simulation.run', { runId: 'not-a-uuid' } as never)).toThrow(/runId/);
    expect(() => log.append('config.change', { ...config, apiSecret: 'x' } as never)).toThrow(/apiSecret/);
    expect(log.verify().rows).toBe(0);
  });

  it.each([
    ['UPDATE', "UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"],
    ['DELETE', 'DELETE FROM audit_log WHERE seq = 1'],
    ['INSERT OR REPLACE', "INSERT OR REPLACE INTO audit_log SELECT seq, at, kind, 'mallory', payload, prev_hash, hash FROM audit_log WHERE seq = 1"],
    ['REPLACE INTO', "REPLACE INTO audit_log SELECT seq, at, kind, 'mallory', payload, prev_hash, hash FROM audit_log WHERE seq = 1"],
    ['UPSERT', "INSERT INTO audit_log SELECT seq, at, kind, actor, payload, prev_hash, hash FROM audit_log WHERE seq = 1 ON CONFLICT (seq) DO UPDATE SET actor = 'mallory'"],
    ['INSERT OR IGNORE over a row', "INSERT OR IGNORE INTO audit_log SELECT seq, at, kind, 'mallory', payload, prev_hash, hash FROM audit_log WHERE seq = 1"],
  ])('SQLite refuses %s on a stored row', (_name, sql) => {
    log.append('config.change', config);
    expect(() => db.exec(sql)).toThrow(/audit_log is append-only/);
    expect(db.prepare('SELECT actor FROM audit_log WHERE seq = 1').pluck().get()).toBeNull();
    expect(log.verify()).toEqual({ state: 'intact', rows: 1 });
  });

  it('pages newest first by seq cursor, filtered by kind and time', () => {
    for (let i = 0; i < 5; i++) log.append('drawing.change', drawing('update'));
    log.append('config.change', config);
    const query = (q: Record<string, string>) => log.page(AuditQuerySchema.parse(q));

    const first = query({ limit: '2' });
    expect(first.entries.map((e) => e.seq)).toEqual([6, 5]);
    expect(first.nextCursor).toBe(5);
    const second = query({ limit: '2', cursor: '5' });
    expect(second.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect(query({ limit: '2', cursor: '3' })).toMatchObject({ nextCursor: null });
    expect(query({ limit: '2', cursor: '3' }).entries.map((e) => e.seq)).toEqual([2, 1]);

    expect(query({ kind: 'config.change' }).entries.map((e) => e.seq)).toEqual([6]);
    // Row n was appended at 00:0n:00Z; offsets are normalised before comparing.
    expect(query({ from: '2026-01-01T00:02:00Z', to: '2026-01-01T01:04:00+01:00' }).entries.map((e) => e.seq)).toEqual([4, 3, 2]);
  });
});
