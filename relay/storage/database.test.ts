import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';

describe('openDatabase', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('creates the data directory and a WAL-mode portal.sqlite that persists rows', () => {
    const root = mkdtempSync(join(tmpdir(), 'relay-db-'));
    dirs.push(root);
    const dataDir = join(root, 'nested', 'data');

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
});
