import type { Drawing } from '../../shared/drawings/index.ts';
import type { OutboxEntry } from './drawings-db.ts';

export interface MergePlan {
  /** The drawings the browser should hold for the symbol afterwards. */
  drawings: Drawing[];
  /** Queued local puts that lost to a newer relay version and should leave the outbox. */
  supersededOutbox: string[];
}

/**
 * Reconciles the browser's copy of one symbol with the relay's. Unsent local changes win unless
 * the relay holds a strictly newer version (last writer wins on `updatedAt`); a queued delete keeps
 * the relay copy hidden until it is sent; a local drawing the relay lacks and that has nothing
 * queued was deleted elsewhere.
 */
export function mergeDrawings(local: readonly Drawing[], remote: readonly Drawing[], outbox: readonly OutboxEntry[]): MergePlan {
  const pending = new Map(outbox.map((entry) => [entry.drawingId, entry]));
  const localById = new Map(local.map((d) => [d.id, d]));
  const result = new Map<string, Drawing>();
  const supersededOutbox: string[] = [];

  for (const theirs of remote) {
    const entry = pending.get(theirs.id);
    if (entry?.op === 'delete') continue;
    const mine = localById.get(theirs.id);
    if (entry?.op === 'put' && mine !== undefined && Date.parse(mine.updatedAt) >= Date.parse(theirs.updatedAt)) {
      result.set(mine.id, mine);
      continue;
    }
    if (entry?.op === 'put') supersededOutbox.push(theirs.id);
    result.set(theirs.id, theirs);
  }
  for (const mine of local) {
    if (!result.has(mine.id) && pending.get(mine.id)?.op === 'put' && !supersededOutbox.includes(mine.id)) {
      result.set(mine.id, mine);
    }
  }
  const drawings = [...result.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  return { drawings, supersededOutbox };
}
