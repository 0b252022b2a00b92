import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRowHash } from '../audit/audit-chain.ts';
import { createAuditLog } from '../audit/audit-log.ts';
import { databaseFile, openDatabase } from '../storage/database.ts';

const CLI = fileURLToPath(new URL('./audit-verify.ts', import.meta.url));
const ROWS = 5;

function verify(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', CLI, '--data-dir', dataDir], { encoding: 'utf8' });
}

let root: string;
let original: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'audit-verify-'));
  original = join(root, 'original');
  const db = openDatabase(original);
  const log = createAuditLog(db);
  log.append('config.change', { tradingMode: 'paper', bybitEnv: 'sim' });
  for (let i = 1; i < ROWS; i++) log.append('drawing.change', { change: 'create', drawingId: `d${i}`, symbol: 'BTCUSDT', shapeType: 'hline' });
  db.close();
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * Tampers with a copy of the database the way an attacker with file access would: the append-only
 * triggers are only SQL, so they drop them first.
 */
function tamperedCopy(name: string, tamper: (db: Database.Database) => void): string {
  const dir = join(root, name);
  cpSync(original, dir, { recursive: true });
  const db = new Database(databaseFile(dir));
  for (const trigger of ['no_update', 'no_delete', 'no_overwrite']) db.exec(`DROP TRIGGER audit_log_${trigger}`);
  tamper(db);
  db.close();
  return dir;
}

type RowValues = { seq: number; at: string; kind: string; actor: string | null; payload: string; prev_hash: string; hash: string };
const row = (db: Database.Database, seq: number) => db.prepare<[number], RowValues>('SELECT * FROM audit_log WHERE seq = ?').get(seq)!;

describe('npm run audit:verify', () => {
  it('exits 0 with the row count when the chain is intact', () => {
    const result = verify(original);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`audit log intact: ${ROWS} rows\n`);
  });

  it.each([
    ['edit', 3, /row 3: hash does not match its content: the row was edited/, (db: Database.Database) => {
      db.exec(`UPDATE audit_log SET payload = '{"change":"delete","drawingId":"d2","shapeType":"hline","symbol":"BTCUSDT"}' WHERE seq = 3`);
    }],
    ['delete', 4, /seq 4 follows 2: row 3 deleted/, (db: Database.Database) => db.exec('DELETE FROM audit_log WHERE seq = 3')],
    ['insert', 5, /row 5: prev_hash does not match row 4's hash: a row was inserted/, (db: Database.Database) => {
      // A forged row at seq 4 that chains correctly to row 3 and hashes correctly itself; later rows move up.
      db.exec('UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4');
      db.exec('UPDATE audit_log SET seq = seq - 99 WHERE seq >= 100');
      const prev = row(db, 3);
      const forged = { seq: 4, at: prev.at, kind: 'drawing.change', actor: null, payload: { change: 'delete', drawingId: 'd1', symbol: 'BTCUSDT', shapeType: 'hline' } };
      db.prepare('INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        4, forged.at, forged.kind, null, JSON.stringify(forged.payload), prev.hash, auditRowHash(prev.hash, forged),
      );
    }],
    ['reorder', 2, /row 2: prev_hash does not match row 1's hash: a row was inserted or rows reordered/, (db: Database.Database) => {
      db.exec('UPDATE audit_log SET seq = -1 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 3; UPDATE audit_log SET seq = 3 WHERE seq = -1');
    }],
    ['replace', 2, /row 2: hash does not match its content: the row was edited/, (db: Database.Database) => {
      const original2 = row(db, 2);
      db.prepare('INSERT OR REPLACE INTO audit_log VALUES (@seq, @at, @kind, @actor, @payload, @prev_hash, @hash)').run({ ...original2, actor: 'mallory' });
    }],
  ])('fails naming the row after a tampering %s', (name, seq, message, tamper) => {
    const result = verify(tamperedCopy(name, tamper));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`BROKEN at seq ${seq} `));
    expect(result.stderr).toMatch(message);
  });

  it('exits 2 with a reason when there is no database', () => {
    const result = verify(join(root, 'missing'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot open the relay database/);
  });
});
