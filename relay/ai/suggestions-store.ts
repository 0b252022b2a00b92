import { StoredSuggestionSchema, type StoredSuggestion } from '../../shared/ai/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

export interface SuggestionsStore {
  append(suggestion: StoredSuggestion): void;
  get(id: string): StoredSuggestion | undefined;
  /** Newest first. */
  listByStrategy(strategyId: string, limit?: number): StoredSuggestion[];
}

/** The `ai_suggestions` table: insert-only (SQLite triggers refuse UPDATE, DELETE and overwrites). */
export function createSuggestionsStore(db: SqliteDatabase): SuggestionsStore {
  const insert = db.prepare(
    'INSERT INTO ai_suggestions (id, strategy_id, loop_id, status, created_at, json) VALUES (@id, @strategyId, @loopId, @status, @createdAt, @json)',
  );
  const byId = db.prepare<[string], { json: string }>('SELECT json FROM ai_suggestions WHERE id = ?');
  const byStrategy = db.prepare<[string, number], { json: string }>(
    'SELECT json FROM ai_suggestions WHERE strategy_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
  );
  // Validated on the way in; parsed again so a hand-edited row cannot pass as a suggestion.
  const parse = (row: { json: string }) => StoredSuggestionSchema.parse(JSON.parse(row.json));
  return {
    append: (raw) => {
      const s = StoredSuggestionSchema.parse(raw);
      insert.run({ id: s.id, strategyId: s.strategyId, loopId: s.loopId, status: s.status, createdAt: s.createdAt, json: JSON.stringify(s) });
    },
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? undefined : parse(row);
    },
    listByStrategy: (strategyId, limit = 100) => byStrategy.all(strategyId, limit).map(parse),
  };
}
