import type { SqliteDatabase } from '../storage/database.ts';

export interface WatchlistStore {
  /** Oldest favourite first: the order the trader starred them in. */
  list(): string[];
  /** False when the symbol was already on the list (nothing changed). */
  add(symbol: string, at: string): boolean;
  /** False when the symbol was not on the list. */
  remove(symbol: string): boolean;
  count(): number;
}

/** Table `watchlist` (see storage/migrations.ts): one row per starred symbol. */
export function createWatchlistStore(db: SqliteDatabase): WatchlistStore {
  const select = db.prepare<[], { symbol: string }>('SELECT symbol FROM watchlist ORDER BY added_at, symbol');
  const insert = db.prepare<[string, string]>('INSERT INTO watchlist (symbol, added_at) VALUES (?, ?) ON CONFLICT (symbol) DO NOTHING');
  const del = db.prepare<[string]>('DELETE FROM watchlist WHERE symbol = ?');
  const countRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM watchlist');
  return {
    list: () => select.all().map((row) => row.symbol),
    add: (symbol, at) => insert.run(symbol, at).changes > 0,
    remove: (symbol) => del.run(symbol).changes > 0,
    count: () => countRows.get()!.n,
  };
}
