import { SimulationRecordSchema, type SimulationRecord } from '../../shared/simulations/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

export interface StoredSimulation {
  simulation: SimulationRecord;
  /** When the relay first recorded it (ISO-8601). */
  recordedAt: string;
}

export type RecordOutcome = { status: 'created' | 'duplicate'; runId: string } | { status: 'conflict'; runId: string };

export interface SimulationsStore {
  /** Appends a run; the same runId with the same content is a no-op, with other content a conflict. */
  record(simulation: SimulationRecord): RecordOutcome;
  get(runId: string): StoredSimulation | undefined;
  /** Runs of one strategy, newest first. */
  listByStrategy(strategyId: string, limit?: number): StoredSimulation[];
}

interface Row {
  json: string;
  recorded_at: string;
}

/**
 * Simulation runs are evidence for later approvals, so the table is insert-only: triggers make
 * SQLite itself refuse UPDATE, DELETE and overwriting inserts (relay/storage/migrations.ts). Strategy, params and dataset hash are
 * pulled into columns so "was this exact configuration simulated on this data" is one lookup.
 */
export function createSimulationsStore(db: SqliteDatabase, clock: () => Date = () => new Date()): SimulationsStore {
  const insert = db.prepare(
    `INSERT INTO simulation_runs (run_id, strategy_id, strategy_version, symbol, dataset_hash, params_json, verdict, recorded_at, json)
     VALUES (@runId, @strategyId, @strategyVersion, @symbol, @datasetHash, @paramsJson, @verdict, @recordedAt, @json)`,
  );
  const selectById = db.prepare<[string], Row>('SELECT json, recorded_at FROM simulation_runs WHERE run_id = ?');
  const selectByStrategy = db.prepare<[string, number], Row>(
    'SELECT json, recorded_at FROM simulation_runs WHERE strategy_id = ? ORDER BY recorded_at DESC, rowid DESC LIMIT ?',
  );

  // Rows were validated on the way in; parsing again guards against hand-edited databases.
  const parse = (row: Row): StoredSimulation => ({ simulation: SimulationRecordSchema.parse(JSON.parse(row.json)), recordedAt: row.recorded_at });

  const record = db.transaction((simulation: SimulationRecord): RecordOutcome => {
    const json = JSON.stringify(simulation);
    const existing = selectById.get(simulation.runId);
    if (existing !== undefined) {
      // Compare parsed-and-reserialised content so key order in the stored text cannot matter.
      const same = JSON.stringify(SimulationRecordSchema.parse(JSON.parse(existing.json))) === json;
      return { status: same ? 'duplicate' : 'conflict', runId: simulation.runId };
    }
    insert.run({
      runId: simulation.runId,
      strategyId: simulation.run.strategy.id,
      strategyVersion: simulation.run.strategy.version,
      symbol: simulation.run.symbol,
      datasetHash: simulation.run.dataset.hash,
      paramsJson: JSON.stringify(simulation.run.params),
      verdict: simulation.run.verdict,
      recordedAt: clock().toISOString(),
      json,
    });
    return { status: 'created', runId: simulation.runId };
  });

  return {
    record: (simulation) => record(SimulationRecordSchema.parse(simulation)),
    get: (runId) => {
      const row = selectById.get(runId);
      return row === undefined ? undefined : parse(row);
    },
    listByStrategy: (strategyId, limit = 50) => selectByStrategy.all(strategyId, limit).map(parse),
  };
}
