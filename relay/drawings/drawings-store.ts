import { z } from 'zod';
import { DrawingSchema, type Drawing, type ListDrawingsResponse } from '../../shared/drawings/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

export type DrawingEventKind = 'create' | 'update' | 'delete';

/** One row of the append-only audit trail; `drawing` is the state after the change (before it, for deletes). */
export interface DrawingEvent {
  seq: number;
  drawingId: string;
  symbol: string;
  kind: DrawingEventKind;
  at: string;
  drawing: Drawing;
}

export interface DrawingsStore {
  /** The symbol's readable drawings, and the stored rows that fail the contract, by id. */
  scan(symbol: string): ListDrawingsResponse;
  /** The symbol's readable drawings. */
  list(symbol: string): Drawing[];
  get(id: string): Drawing | undefined;
  /** Inserts or replaces; reports whether the id was new. */
  upsert(drawing: Drawing): { created: boolean };
  /**
   * 'unreadable' when the stored row fails the contract: the audit trail keeps the state before a
   * delete, so such a row is replaced with a valid PUT rather than deleted.
   */
  remove(id: string): 'deleted' | 'unknown' | 'unreadable';
  events(drawingId?: string): DrawingEvent[];
}

interface DrawingRow {
  id: string;
  json: string;
}

interface EventRow {
  seq: number;
  drawing_id: string;
  symbol: string;
  kind: DrawingEventKind;
  at: string;
  json: string;
}

/**
 * Drawings live as validated JSON (the zod contract is the schema) with symbol pulled out for
 * lookup. Every change is also appended to `drawing_events`, which SQLite itself keeps
 * append-only (relay/storage/migrations.ts), so an annotation's history can be audited and replayed.
 */
export function createDrawingsStore(db: SqliteDatabase, clock: () => Date = () => new Date()): DrawingsStore {
  const selectBySymbol = db.prepare<[string], DrawingRow>(
    // json_extract of a corrupt row is NULL rather than an error, so one bad row cannot fail the query.
    "SELECT id, json FROM drawings WHERE symbol = ? ORDER BY CASE WHEN json_valid(json) THEN json_extract(json, '$.createdAt') END, id",
  );
  const selectById = db.prepare<[string], DrawingRow>('SELECT id, json FROM drawings WHERE id = ?');
  const upsertRow = db.prepare(
    `INSERT INTO drawings (id, symbol, json, updated_at) VALUES (@id, @symbol, @json, @updatedAt)
     ON CONFLICT (id) DO UPDATE SET symbol = excluded.symbol, json = excluded.json, updated_at = excluded.updated_at`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM drawings WHERE id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO drawing_events (drawing_id, symbol, kind, at, json) VALUES (@drawingId, @symbol, @kind, @at, @json)',
  );
  const selectEvents = db.prepare<[], EventRow>('SELECT * FROM drawing_events ORDER BY seq');
  const selectEventsFor = db.prepare<[string], EventRow>('SELECT * FROM drawing_events WHERE drawing_id = ? ORDER BY seq');

  // Rows were validated on the way in; parsing again guards against hand-edited databases.
  const parse = (row: DrawingRow): Drawing => DrawingSchema.parse(JSON.parse(row.json));

  const record = (kind: DrawingEventKind, drawing: Drawing): void => {
    insertEvent.run({ drawingId: drawing.id, symbol: drawing.symbol, kind, at: clock().toISOString(), json: JSON.stringify(drawing) });
  };

  const scan = (symbol: string): ListDrawingsResponse => {
    const result: ListDrawingsResponse = { drawings: [], skipped: [] };
    for (const row of selectBySymbol.all(symbol)) {
      try {
        result.drawings.push(parse(row));
      } catch (err) {
        const reason = err instanceof z.ZodError ? z.prettifyError(err) : err instanceof Error ? err.message : String(err);
        result.skipped.push({ id: row.id, reason });
      }
    }
    return result;
  };

  const upsert = db.transaction((drawing: Drawing) => {
    const created = selectById.get(drawing.id) === undefined;
    const json = JSON.stringify(drawing);
    upsertRow.run({ id: drawing.id, symbol: drawing.symbol, json, updatedAt: drawing.updatedAt });
    record(created ? 'create' : 'update', drawing);
    return { created };
  });

  const remove = db.transaction((id: string): 'deleted' | 'unknown' | 'unreadable' => {
    const row = selectById.get(id);
    if (row === undefined) return 'unknown';
    let before: Drawing;
    try {
      before = parse(row);
    } catch {
      return 'unreadable';
    }
    deleteRow.run(id);
    record('delete', before);
    return 'deleted';
  });

  return {
    scan,
    list: (symbol) => scan(symbol).drawings,
    get: (id) => {
      const row = selectById.get(id);
      return row === undefined ? undefined : parse(row);
    },
    upsert: (drawing) => upsert(DrawingSchema.parse(drawing)),
    remove: (id) => remove(id),
    events: (drawingId) =>
      (drawingId === undefined ? selectEvents.all() : selectEventsFor.all(drawingId)).map((row) => ({
        seq: row.seq,
        drawingId: row.drawing_id,
        symbol: row.symbol,
        kind: row.kind,
        at: row.at,
        drawing: DrawingSchema.parse(JSON.parse(row.json)),
      })),
  };
}
