import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.ts';

export type SqliteDatabase = Database.Database;

const DATABASE_FILE = 'portal.sqlite';
/** Drawings and simulation evidence are the user's alone: no other local account may read them. */
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

/**
 * Opens the relay's single SQLite file, brought to the current schema (relay/storage/migrations.ts).
 * The data folder is made 0700 and the database files 0600; SQLite gives -wal/-shm the mode of
 * the main file, and existing files from older relays are tightened too.
 */
export function openDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dataDir, PRIVATE_DIR_MODE);
  const file = join(dataDir, DATABASE_FILE);
  // Created here rather than by SQLite so the file never exists with the umask's wider mode.
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);

  const db = new Database(file);
  // WAL lets readers proceed while the audit log writes; NORMAL sync is durable enough under WAL.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // REPLACE then fires the delete triggers of the row it would remove, so append-only tables refuse it.
  db.pragma('recursive_triggers = ON');
  migrate(db);
  return db;
}
