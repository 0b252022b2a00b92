import { DeadLetterSchema, type DeadLetter, type DeadLettersQuery, type VenueName } from '../../shared/execution/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

export interface NewDeadLetter {
  venue: VenueName;
  kind: DeadLetter['kind'];
  orderLinkId: string;
  payload: unknown;
  error: string;
  attempts: number;
}

export interface DeadLetterStore {
  add(letter: NewDeadLetter): DeadLetter;
  get(id: number): DeadLetter | undefined;
  /** Newest first. */
  list(query: DeadLettersQuery): DeadLetter[];
  markReplayed(id: number): DeadLetter;
  recordReplayFailure(id: number, error: string): DeadLetter;
  pendingCount(): number;
}

interface Row {
  id: number;
  venue: string;
  kind: string;
  order_link_id: string;
  payload_json: string;
  error: string;
  attempts: number;
  at: string;
  state: string;
  replayed_at: string | null;
  replay_error: string | null;
}

const parse = (row: Row): DeadLetter =>
  DeadLetterSchema.parse({
    id: row.id,
    venue: row.venue,
    kind: row.kind,
    orderLinkId: row.order_link_id,
    payload: JSON.parse(row.payload_json),
    error: row.error,
    attempts: row.attempts,
    at: row.at,
    state: row.state,
    replayedAt: row.replayed_at,
    replayError: row.replay_error,
  });

/** Dead letters in SQLite (migration "dead letters…"): rows are never deleted and their event never changes. */
export function createDeadLetterStore(db: SqliteDatabase, clock: () => Date = () => new Date()): DeadLetterStore {
  const insert = db.prepare<[string, string, string, string, string, number, string]>(
    `INSERT INTO dead_letters (venue, kind, order_link_id, payload_json, error, attempts, at, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
  );
  const byId = db.prepare<[number], Row>('SELECT * FROM dead_letters WHERE id = ?');
  const all = db.prepare<[], Row>('SELECT * FROM dead_letters ORDER BY id DESC');
  const inState = db.prepare<[string], Row>('SELECT * FROM dead_letters WHERE state = ? ORDER BY id DESC');
  const replayed = db.prepare<[string, number]>("UPDATE dead_letters SET state = 'replayed', replayed_at = ?, replay_error = NULL WHERE id = ?");
  const replayFailed = db.prepare<[string, number]>('UPDATE dead_letters SET replay_error = ? WHERE id = ?');
  const pending = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM dead_letters WHERE state = 'pending'");

  const mustGet = (id: number): DeadLetter => {
    const row = byId.get(id);
    if (row === undefined) throw new Error(`no dead letter ${id}`);
    return parse(row);
  };

  return {
    add: (letter) => {
      const { lastInsertRowid } = insert.run(letter.venue, letter.kind, letter.orderLinkId, JSON.stringify(letter.payload), letter.error, letter.attempts, clock().toISOString());
      return mustGet(Number(lastInsertRowid));
    },
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? undefined : parse(row);
    },
    list: ({ state }) => (state === undefined ? all.all() : inState.all(state)).map(parse),
    markReplayed: (id) => {
      replayed.run(clock().toISOString(), id);
      return mustGet(id);
    },
    recordReplayFailure: (id, error) => {
      replayFailed.run(error, id);
      return mustGet(id);
    },
    pendingCount: () => pending.get()!.n,
  };
}
