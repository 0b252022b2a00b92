import { z } from 'zod';
import { SizedIntentSchema, type SizedIntent } from '../../shared/kernel/index.ts';
import { IntervalSchema } from '../../shared/market/interval.ts';
import type { SqliteDatabase } from '../storage/database.ts';

export const RunRecordSchema = z.object({
  runId: z.string(),
  strategyId: z.string(),
  version: z.number().int().positive(),
  symbol: z.string(),
  interval: IntervalSchema,
  /** Open time of the first candle the run acts on (the candles before it only warm it up). */
  firstCandle: z.number().int(),
  /** Open time of the last candle it acted on; null before the first. */
  lastCandle: z.number().int().nullable(),
  startedAt: z.iso.datetime(),
  /** Set by the kill switch: a halted run does not resume at restart. */
  haltedAt: z.iso.datetime().nullable(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

export interface RecordedIntent {
  candleOpenTime: number;
  intent: SizedIntent;
}

/**
 * What makes a live run resumable and never act twice (migration "strategy runs…"): the last
 * candle each run acted on, and every intent it decided, written in the same transaction as that
 * candle's mark (`inTransaction`), before anything is sent.
 */
export interface RunStore {
  /** The stored run, or a new one starting at `firstCandle`. */
  open(run: Omit<RunRecord, 'lastCandle' | 'startedAt' | 'haltedAt'>): RunRecord;
  get(runId: string): RunRecord | undefined;
  /** Every run, newest first. */
  all(): RunRecord[];
  /** The newest run of a strategy, for its status after a restart or a halt. */
  latestOf(strategyId: string): RunRecord | undefined;
  markProcessed(runId: string, openTime: number): void;
  markHalted(runId: string): void;
  recordIntent(runId: string, candleOpenTime: number, intent: SizedIntent): void;
  intents(runId: string): RecordedIntent[];
  /** Runs `work` in one SQLite transaction. */
  inTransaction(work: () => void): void;
}

interface RunRow {
  run_id: string;
  strategy_id: string;
  version: number;
  symbol: string;
  interval: string;
  first_candle: number;
  last_candle: number | null;
  started_at: string;
  halted_at: string | null;
}

const fromRow = (row: RunRow): RunRecord =>
  RunRecordSchema.parse({
    runId: row.run_id,
    strategyId: row.strategy_id,
    version: row.version,
    symbol: row.symbol,
    interval: row.interval,
    firstCandle: row.first_candle,
    lastCandle: row.last_candle,
    startedAt: row.started_at,
    haltedAt: row.halted_at,
  });

export function createRunStore(db: SqliteDatabase, clock: () => Date = () => new Date()): RunStore {
  const byId = db.prepare<[string], RunRow>('SELECT * FROM strategy_runs WHERE run_id = ?');
  const everyRun = db.prepare<[], RunRow>('SELECT * FROM strategy_runs ORDER BY started_at DESC, rowid DESC');
  const latest = db.prepare<[string], RunRow>('SELECT * FROM strategy_runs WHERE strategy_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO strategy_runs (run_id, strategy_id, version, symbol, interval, first_candle, last_candle, started_at, halted_at) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, NULL)',
  );
  // Only forward: a late or replayed candle can never move the mark back.
  const processed = db.prepare('UPDATE strategy_runs SET last_candle = ? WHERE run_id = ? AND (last_candle IS NULL OR last_candle < ?)');
  const halted = db.prepare('UPDATE strategy_runs SET halted_at = ? WHERE run_id = ? AND halted_at IS NULL');
  const insertIntent = db.prepare('INSERT INTO strategy_run_intents (idempotency_key, run_id, candle_open_time, json) VALUES (?, ?, ?, ?)');
  const intentsOf = db.prepare<[string], { candle_open_time: number; json: string }>('SELECT candle_open_time, json FROM strategy_run_intents WHERE run_id = ? ORDER BY rowid');

  const get = (runId: string) => {
    const row = byId.get(runId);
    return row === undefined ? undefined : fromRow(row);
  };
  const open = db.transaction((run: Omit<RunRecord, 'lastCandle' | 'startedAt' | 'haltedAt'>): RunRecord => {
    const known = get(run.runId);
    if (known !== undefined) return known;
    insert.run(run.runId, run.strategyId, run.version, run.symbol, run.interval, run.firstCandle, clock().toISOString());
    return get(run.runId)!;
  });

  return {
    open,
    get,
    all: () => everyRun.all().map(fromRow),
    latestOf: (strategyId) => {
      const row = latest.get(strategyId);
      return row === undefined ? undefined : fromRow(row);
    },
    markProcessed: (runId, openTime) => void processed.run(openTime, runId, openTime),
    markHalted: (runId) => void halted.run(clock().toISOString(), runId),
    recordIntent: (runId, candleOpenTime, intent) => void insertIntent.run(intent.key, runId, candleOpenTime, JSON.stringify(SizedIntentSchema.parse(intent))),
    intents: (runId) => intentsOf.all(runId).map((row) => ({ candleOpenTime: row.candle_open_time, intent: SizedIntentSchema.parse(JSON.parse(row.json)) })),
    inTransaction: (work) => db.transaction(work)(),
  };
}
