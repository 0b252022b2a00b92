import { z } from 'zod';
import { TradeSchema, type Trade } from '../../shared/backtest/index.ts';
import { PostedSimulationRecordSchema, type SimulationRecord } from '../../shared/simulations/index.ts';
import { StoredRunSchema, type SimulationDb, type StoredRun } from './simulation-db.ts';
import type { postSimulation } from './simulations-api.ts';

export type PostSimulation = typeof postSimulation;

/**
 * Every finished run goes to IndexedDB first (it survives a relay outage), then to the relay;
 * the outcome of the post is kept beside it so the page can show which runs the relay has.
 */
export class SimulationRepository {
  constructor(
    private readonly db: SimulationDb,
    private readonly post: PostSimulation,
  ) {}

  async save(record: SimulationRecord, trades: readonly Trade[] = []): Promise<StoredRun> {
    // The relay's own check, so a comparison that would be refused there is refused before it is kept.
    const valid = PostedSimulationRecordSchema.parse(record);
    const pending: StoredRun = { ...valid, relay: { status: 'pending', error: null }, trades: z.array(TradeSchema).parse(trades) };
    await this.db.runs.put(pending);
    return this.sync(pending);
  }

  /** Posts a stored run (again); the relay is idempotent on runId, so retries are safe. */
  async sync(stored: StoredRun): Promise<StoredRun> {
    const { relay: _relay, trades: _trades, ...record } = stored;
    let next: StoredRun;
    try {
      await this.post(record);
      next = { ...stored, relay: { status: 'posted', error: null } };
    } catch (err) {
      next = { ...stored, relay: { status: 'failed', error: err instanceof Error ? err.message : String(err) } };
    }
    await this.db.runs.update(stored.runId, { relay: next.relay });
    return next;
  }

  /** Newest first; rows that no longer match the schema are skipped rather than breaking the list. */
  async recent(limit = 20): Promise<StoredRun[]> {
    const rows = await this.db.runs.orderBy('createdAt').reverse().limit(limit).toArray();
    return rows.flatMap((row) => {
      const parsed = StoredRunSchema.safeParse(row);
      return parsed.success ? [parsed.data] : [];
    });
  }

  async get(runId: string): Promise<StoredRun | undefined> {
    const row = await this.db.runs.get(runId);
    return row === undefined ? undefined : StoredRunSchema.parse(row);
  }
}
