import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;

/**
 * Opens the relay's single SQLite file. Stores (audit log, orders, ...) create their own tables
 * with CREATE TABLE IF NOT EXISTS on the handle, so there is no central schema to coordinate.
 */
export function openDatabase(dataDir: string): SqliteDatabase {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, 'portal.sqlite'));
  // WAL lets readers proceed while the audit log writes; NORMAL sync is durable enough under WAL.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  return db;
}
