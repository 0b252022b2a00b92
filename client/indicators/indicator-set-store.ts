import { z } from 'zod';
import type { IndicatorDb } from './indicator-db.ts';
import { StoredIndicatorSetSchema, type IndicatorInstance } from './indicator-set.ts';

/** The portal is single-user and local-first; the key leaves room for profiles without a migration. */
export const LOCAL_USER = 'local';

export type LoadedSet = { items: IndicatorInstance[]; problem: string | null };

/** Per-user persistence of the chosen indicator set; rows are re-validated on read. */
export class IndicatorSetStore {
  constructor(
    private readonly db: IndicatorDb,
    private readonly userId: string = LOCAL_USER,
  ) {}

  /**
   * The saved set, or an empty one. A row that no longer parses (e.g. an indicator's parameter
   * bounds changed) is reported in `problem` rather than thrown, so the chart still opens.
   */
  async load(): Promise<LoadedSet> {
    const row = await this.db.sets.get(this.userId);
    if (row === undefined) return { items: [], problem: null };
    const parsed = StoredIndicatorSetSchema.safeParse(row);
    if (parsed.success) return { items: parsed.data.items, problem: null };
    return { items: [], problem: `Saved indicators could not be read and were reset: ${z.prettifyError(parsed.error)}` };
  }

  async save(items: readonly IndicatorInstance[]): Promise<void> {
    await this.db.sets.put(StoredIndicatorSetSchema.parse({ userId: this.userId, version: 1, items }));
  }
}
