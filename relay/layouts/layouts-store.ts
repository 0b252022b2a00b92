import { z } from 'zod';
import { ChartLayoutSchema, type ChartLayout, type LayoutKey, type LayoutResponse } from '../../shared/layouts/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

export interface LayoutsStore {
  get(key: LayoutKey): LayoutResponse;
  /** Inserts or replaces the layout of its symbol and interval. */
  put(layout: ChartLayout): void;
}

interface LayoutRow {
  json: string;
}

/** One row per symbol and interval (table `chart_layouts`, see storage/migrations.ts), stored as validated JSON. */
export function createLayoutsStore(db: SqliteDatabase): LayoutsStore {
  const select = db.prepare<[string, string], LayoutRow>('SELECT json FROM chart_layouts WHERE symbol = ? AND interval = ?');
  const upsert = db.prepare(
    `INSERT INTO chart_layouts (symbol, interval, json, updated_at) VALUES (@symbol, @interval, @json, @updatedAt)
     ON CONFLICT (symbol, interval) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at`,
  );
  return {
    get({ symbol, interval }) {
      const row = select.get(symbol, interval);
      if (row === undefined) return { layout: null };
      // Parsed again on the way out: guards against hand-edited databases.
      try {
        return { layout: ChartLayoutSchema.parse(JSON.parse(row.json)) };
      } catch (err) {
        return { layout: null, unreadable: err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err) };
      }
    },
    put(layout) {
      const valid = ChartLayoutSchema.parse(layout);
      upsert.run({ symbol: valid.symbol, interval: valid.interval, json: JSON.stringify(valid), updatedAt: valid.updatedAt });
    },
  };
}
