import { z } from 'zod';
import { BalanceSchema, type VenueName } from '../../shared/execution/index.ts';
import type { SqliteDatabase } from '../storage/database.ts';

/**
 * The venue's balances as last reconciled, the cursor of the stored fills they already include,
 * the foreign orders and fills (kind:subject) already flagged while the venue still shows them, and
 * when the last run that checked the venue's fills started (the next one, after a restart too, reads
 * the venue's fills from there).
 */
export const BalanceCheckpointSchema = z.object({
  balances: z.array(BalanceSchema),
  fillCursor: z.number().int().min(0),
  flaggedForeign: z.array(z.string()).default([]),
  fillsCheckedAt: z.number().int().nullable().default(null),
});
export type BalanceCheckpoint = z.infer<typeof BalanceCheckpointSchema>;

/** Where reconciliation keeps its balance baseline, so the first run after a restart can still compare. */
export interface ReconciliationCheckpoints {
  load(venue: VenueName): BalanceCheckpoint | null;
  save(venue: VenueName, checkpoint: BalanceCheckpoint): void;
}

export function createReconciliationCheckpoints(db: SqliteDatabase): ReconciliationCheckpoints {
  const select = db.prepare<[string], { json: string }>('SELECT json FROM reconciliation_checkpoints WHERE venue = ?');
  const upsert = db.prepare<[string, string, string]>(
    'INSERT INTO reconciliation_checkpoints (venue, json, saved_at) VALUES (?, ?, ?) ON CONFLICT (venue) DO UPDATE SET json = excluded.json, saved_at = excluded.saved_at',
  );
  return {
    load: (venue) => {
      const row = select.get(venue);
      return row === undefined ? null : BalanceCheckpointSchema.parse(JSON.parse(row.json));
    },
    save: (venue, checkpoint) => void upsert.run(venue, JSON.stringify(checkpoint), new Date().toISOString()),
  };
}
