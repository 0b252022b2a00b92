import type Database from 'better-sqlite3';

/** One schema step; `PRAGMA user_version` counts how many of them a database file has had. */
export interface Migration {
  name: string;
  sql: string;
}

/**
 * Refuses a row change on an append-only table. INSERT OR REPLACE / REPLACE INTO / UPSERT reach a
 * stored row through an INSERT on a key that exists, so a BEFORE INSERT trigger refusing an existing
 * key stops them before any conflict resolution runs; UPDATE and DELETE have their own triggers.
 */
function appendOnly(table: string, keyColumn: string): string {
  const refuse = `SELECT RAISE(ABORT, '${table} is append-only')`;
  return `
    CREATE TRIGGER IF NOT EXISTS ${table}_no_update BEFORE UPDATE ON ${table} BEGIN ${refuse}; END;
    CREATE TRIGGER IF NOT EXISTS ${table}_no_delete BEFORE DELETE ON ${table} BEGIN ${refuse}; END;
    CREATE TRIGGER IF NOT EXISTS ${table}_no_overwrite BEFORE INSERT ON ${table}
      WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${keyColumn} = NEW.${keyColumn} OR rowid = NEW.rowid)
      BEGIN ${refuse}; END;
  `;
}

/**
 * The relay's schema, in order; never edit a released step, append one. Steps use IF NOT EXISTS
 * because databases from before this runner (user_version 0) already hold these tables and the
 * simulation_runs UPDATE/DELETE triggers.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'drawings and their audit trail',
    sql: `
      CREATE TABLE IF NOT EXISTS drawings (
        id TEXT PRIMARY KEY,
        symbol TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS drawings_by_symbol ON drawings (symbol);
      CREATE TABLE IF NOT EXISTS drawing_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        drawing_id TEXT NOT NULL,
        symbol TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('create', 'update', 'delete')),
        at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS drawing_events_by_drawing ON drawing_events (drawing_id);
      ${appendOnly('drawing_events', 'seq')}
    `,
  },
  {
    name: 'simulation runs',
    sql: `
      CREATE TABLE IF NOT EXISTS simulation_runs (
        run_id TEXT PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        strategy_version TEXT NOT NULL,
        symbol TEXT NOT NULL,
        dataset_hash TEXT NOT NULL,
        params_json TEXT NOT NULL,
        verdict TEXT,
        recorded_at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS simulation_runs_by_strategy ON simulation_runs (strategy_id, recorded_at);
      CREATE INDEX IF NOT EXISTS simulation_runs_by_dataset ON simulation_runs (strategy_id, dataset_hash);
      ${appendOnly('simulation_runs', 'run_id')}
    `,
  },
  {
    name: 'tamper-evident audit log',
    // seq is assigned by the relay (not AUTOINCREMENT) because each row's hash covers it.
    sql: `
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_by_kind ON audit_log (kind, seq);
      ${appendOnly('audit_log', 'seq')}
    `,
  },
  {
    // Only SHA-256 hashes: a copied database file must not log anyone in. Kept in SQLite so that
    // `npm run token -- rotate` in another process takes effect in a running relay at once.
    name: 'access credentials and sessions',
    sql: `
      CREATE TABLE access_credentials (
        secret_hash TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator')),
        created_at TEXT NOT NULL
      );
      CREATE TABLE access_sessions (
        id_hash TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'operator')),
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    name: 'chart layouts',
    sql: `
      CREATE TABLE chart_layouts (
        symbol TEXT NOT NULL,
        interval TEXT NOT NULL,
        json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (symbol, interval)
      );
    `,
  },
  {
    // One row per idempotency key (its orderLinkId), written before anything is sent; the row's
    // status is the latest of its order_events, which with fills are the append-only history.
    name: 'orders, their lifecycle events and fills',
    sql: `
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        request_hash TEXT NOT NULL,
        request_json TEXT NOT NULL,
        venue TEXT NOT NULL CHECK (venue IN ('paper', 'live')),
        symbol TEXT NOT NULL,
        status TEXT NOT NULL,
        json TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX orders_by_status ON orders (venue, status);
      CREATE TABLE order_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        order_id TEXT NOT NULL REFERENCES orders (id),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        detail TEXT
      );
      CREATE INDEX order_events_by_order ON order_events (order_id, seq);
      ${appendOnly('order_events', 'seq')}
      CREATE TABLE fills (
        exec_id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders (id),
        venue TEXT NOT NULL CHECK (venue IN ('paper', 'live')),
        symbol TEXT NOT NULL,
        at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX fills_by_order ON fills (order_id);
      CREATE INDEX fills_by_venue ON fills (venue, at);
      ${appendOnly('fills', 'exec_id')}
    `,
  },
  {
    name: 'watchlist',
    sql: `
      CREATE TABLE watchlist (
        symbol TEXT PRIMARY KEY,
        added_at TEXT NOT NULL
      );
    `,
  },  {
    name: 'dead letters: venue events that could not be applied after retries',
    // The event itself never changes and no row is deleted; only its replay state moves on.
    sql: `
      CREATE TABLE dead_letters (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        venue TEXT NOT NULL CHECK (venue IN ('paper', 'live')),
        kind TEXT NOT NULL,
        order_link_id TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        error TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'replayed')),
        replayed_at TEXT,
        replay_error TEXT
      );
      CREATE INDEX dead_letters_by_state ON dead_letters (state, id);
      CREATE TRIGGER dead_letters_no_delete BEFORE DELETE ON dead_letters
        BEGIN SELECT RAISE(ABORT, 'dead_letters rows are kept'); END;
      CREATE TRIGGER dead_letters_event_fixed BEFORE UPDATE OF id, venue, kind, order_link_id, payload_json, error, attempts, at ON dead_letters
        BEGIN SELECT RAISE(ABORT, 'a dead letter''s event cannot be changed'); END;
    `,
  },
  {
    // Every AI review, valid or not, so a failure or a refused suggestion stays visible; never changed.
    name: 'ai suggestions',
    sql: `
      CREATE TABLE ai_suggestions (
        id TEXT PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        loop_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('valid', 'invalid', 'refused')),
        created_at TEXT NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX ai_suggestions_by_strategy ON ai_suggestions (strategy_id, created_at);
      ${appendOnly('ai_suggestions', 'id')}
    `,
  },
  {
    // A version's content never changes once created (a change is a new version), and its state is
    // the last of its transitions, so both tables are append-only: history cannot be rewritten.
    name: 'strategy versions and their state transitions',
    sql: `
      CREATE TABLE strategy_versions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        strategy_id TEXT NOT NULL,
        version INTEGER NOT NULL CHECK (version > 0),
        code_version TEXT NOT NULL,
        params_hash TEXT NOT NULL,
        created_by TEXT,
        created_at TEXT NOT NULL,
        json TEXT NOT NULL,
        UNIQUE (strategy_id, version)
      );
      ${appendOnly('strategy_versions', 'seq')}
      CREATE TABLE strategy_version_transitions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        strategy_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        from_state TEXT CHECK (from_state IN ('draft', 'simulated', 'approved', 'active', 'retired')),
        to_state TEXT NOT NULL CHECK (to_state IN ('draft', 'simulated', 'approved', 'active', 'retired')),
        actor TEXT,
        at TEXT NOT NULL,
        evidence_run_id TEXT,
        reason TEXT,
        FOREIGN KEY (strategy_id, version) REFERENCES strategy_versions (strategy_id, version)
      );
      CREATE INDEX strategy_version_transitions_by_version ON strategy_version_transitions (strategy_id, version, seq);
      ${appendOnly('strategy_version_transitions', 'seq')}
    `,
  },
  {
    name: 'strategy runs: the last candle each live run acted on, and every intent it decided',
    sql: `
      CREATE TABLE strategy_runs (
        run_id TEXT PRIMARY KEY,
        strategy_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        symbol TEXT NOT NULL,
        interval TEXT NOT NULL,
        first_candle INTEGER NOT NULL,
        last_candle INTEGER,
        started_at TEXT NOT NULL,
        halted_at TEXT
      );
      CREATE TABLE strategy_run_intents (
        idempotency_key TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES strategy_runs (run_id),
        candle_open_time INTEGER NOT NULL,
        json TEXT NOT NULL
      );
      CREATE INDEX strategy_run_intents_by_run ON strategy_run_intents (run_id);
      ${appendOnly('strategy_run_intents', 'idempotency_key')}
    `,
  },
  {
    name: 'reconciliation checkpoints: the balances last reconciled per venue, so a restart can still flag balance drift',
    // One row per venue, replaced after every run: the drift itself is history in the audit log.
    sql: `
      CREATE TABLE reconciliation_checkpoints (
        venue TEXT PRIMARY KEY CHECK (venue IN ('paper', 'live')),
        json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      );
    `,
  },
];

/** Applies the steps a database has not had yet, each in its own transaction with its version bump. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > migrations.length) {
    throw new Error(`the database is at schema version ${applied}, newer than this relay (${migrations.length}); upgrade the relay`);
  }
  migrations.slice(applied).forEach((migration, index) => {
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${applied + index + 1}`);
    })();
  });
}
