import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import { TradeSchema } from '../../shared/backtest/index.ts';
import { SimulationRecordSchema } from '../../shared/simulations/index.ts';

/** A run as the browser keeps it: the record posted to the relay plus whether that post landed. */
export const StoredRunSchema = SimulationRecordSchema.extend({
  relay: z.object({
    status: z.enum(['pending', 'posted', 'failed']),
    /** Why the last post failed (relay down, rejected); null otherwise. */
    error: z.string().nullable(),
  }),
  /**
   * The run's trades (a comparison's candidate), kept only in the browser so the main chart can
   * mark them; the relay record stays without them. Runs saved before trades were kept have none.
   */
  trades: z.array(TradeSchema).optional(),
});
export type StoredRun = z.infer<typeof StoredRunSchema>;

export class SimulationDb extends Dexie {
  runs!: Table<StoredRun, string>;

  constructor(name = 'portal-simulations') {
    super(name);
    this.version(1).stores({ runs: 'runId, createdAt, [run.strategy.id+createdAt]' });
  }
}
