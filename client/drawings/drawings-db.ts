import Dexie, { type EntityTable } from 'dexie';
import type { Drawing } from '../../shared/drawings/index.ts';

/**
 * A change not yet acknowledged by the relay. One entry per drawing: a newer change replaces the
 * older one, since the relay only needs the latest state. `revision` lets a finished upload tell
 * whether the entry was replaced meanwhile (then it must stay queued).
 */
export interface OutboxEntry {
  drawingId: string;
  op: 'put' | 'delete';
  symbol: string;
  /** Snapshot to upload for `put`. */
  drawing?: Drawing;
  revision: string;
  queuedAt: number;
  /** Set when the relay refused the change (4xx); kept for inspection instead of retried forever. */
  rejected?: string;
}

/** Own database name so it never collides with the market cache's schema versions. */
export const DRAWINGS_DB_NAME = 'portal-drawings';

export class DrawingsDb extends Dexie {
  drawings!: EntityTable<Drawing, 'id'>;
  outbox!: EntityTable<OutboxEntry, 'drawingId'>;

  constructor(name: string = DRAWINGS_DB_NAME) {
    super(name);
    this.version(1).stores({
      drawings: 'id, symbol',
      outbox: 'drawingId, queuedAt',
    });
  }
}
