import { DrawingSchema, type Drawing } from '../../shared/drawings/index.ts';
import { isRejectedByRelay, type DrawingsApi } from './drawings-api.ts';
import type { DrawingsDb, OutboxEntry } from './drawings-db.ts';
import { mergeDrawings } from './merge-drawings.ts';

export interface FlushResult {
  /** Changes the relay acknowledged in this flush. */
  pushed: number;
  /** Changes still waiting (relay unreachable or a newer edit arrived meanwhile). */
  pending: number;
  /** Changes the relay refused, with its message; kept in the outbox for inspection. */
  rejected: { drawingId: string; error: string }[];
}

export interface DrawingsRepository {
  /** The browser's copy; works offline. */
  list(symbol: string): Promise<Drawing[]>;
  /** Validates, stores locally and queues for the relay, then tries to send. */
  save(drawing: Drawing): Promise<void>;
  remove(id: string): Promise<void>;
  /** Sends queued changes in order; stops at the first unreachable-relay error. */
  flush(): Promise<FlushResult>;
  /** Flushes, pulls the relay's state for the symbol and merges it into IndexedDB. */
  refresh(symbol: string): Promise<Drawing[]>;
  /** Retries queued changes periodically and when the browser comes back online. */
  startBackgroundSync(intervalMs?: number): () => void;
}

export interface DrawingsRepositoryDeps {
  db: DrawingsDb;
  api: DrawingsApi;
  now?: () => number;
}

/**
 * Local-first store for drawings: IndexedDB is written first so nothing is lost when the relay
 * is down; the outbox is drained to the relay whenever it is reachable.
 */
export function createDrawingsRepository({ db, api, now = Date.now }: DrawingsRepositoryDeps): DrawingsRepository {
  let flushing: Promise<FlushResult> | null = null;

  async function enqueue(entry: Omit<OutboxEntry, 'revision' | 'queuedAt'>): Promise<void> {
    await db.outbox.put({ ...entry, revision: crypto.randomUUID(), queuedAt: now() });
  }

  async function send(entry: OutboxEntry): Promise<void> {
    if (entry.op === 'put') {
      if (entry.drawing === undefined) throw new Error(`outbox put for ${entry.drawingId} has no drawing`);
      await api.put(entry.drawing);
    } else {
      await api.remove(entry.drawingId);
    }
  }

  async function drain(): Promise<FlushResult> {
    const result: FlushResult = { pushed: 0, pending: 0, rejected: [] };
    const queue = (await db.outbox.orderBy('queuedAt').toArray()).filter((e) => e.rejected === undefined);
    for (const [index, entry] of queue.entries()) {
      try {
        await send(entry);
      } catch (err) {
        if (isRejectedByRelay(err)) {
          await db.outbox.update(entry.drawingId, { rejected: err.message });
          result.rejected.push({ drawingId: entry.drawingId, error: err.message });
          continue;
        }
        result.pending += queue.length - index;
        return result;
      }
      // Only clear the entry if no newer edit replaced it while the request was in flight.
      await db.transaction('rw', db.outbox, async () => {
        const current = await db.outbox.get(entry.drawingId);
        if (current?.revision === entry.revision) await db.outbox.delete(entry.drawingId);
        else result.pending += 1;
      });
      result.pushed += 1;
    }
    return result;
  }

  const repository: DrawingsRepository = {
    async list(symbol) {
      const rows = await db.drawings.where('symbol').equals(symbol).toArray();
      return rows.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },

    async save(input) {
      const drawing = DrawingSchema.parse(input);
      await db.transaction('rw', db.drawings, db.outbox, async () => {
        await db.drawings.put(drawing);
        await enqueue({ drawingId: drawing.id, op: 'put', symbol: drawing.symbol, drawing });
      });
      await repository.flush();
    },

    async remove(id) {
      await db.transaction('rw', db.drawings, db.outbox, async () => {
        const existing = await db.drawings.get(id);
        if (existing === undefined) return;
        await db.drawings.delete(id);
        await enqueue({ drawingId: id, op: 'delete', symbol: existing.symbol });
      });
      await repository.flush();
    },

    flush() {
      // Serialise flushes so two saves in a row cannot send the same entry twice concurrently.
      flushing ??= drain().finally(() => {
        flushing = null;
      });
      return flushing;
    },

    async refresh(symbol) {
      const flushed = await repository.flush();
      if (flushed.pending > 0) return repository.list(symbol);
      const remote = await api.list(symbol);
      await db.transaction('rw', db.drawings, db.outbox, async () => {
        const local = await db.drawings.where('symbol').equals(symbol).toArray();
        const outbox = await db.outbox.where('drawingId').anyOf(local.map((d) => d.id).concat(remote.map((d) => d.id))).toArray();
        const plan = mergeDrawings(local, remote, outbox);
        await db.drawings.where('symbol').equals(symbol).delete();
        await db.drawings.bulkPut(plan.drawings);
        await db.outbox.bulkDelete(plan.supersededOutbox);
      });
      return repository.list(symbol);
    },

    startBackgroundSync(intervalMs = 15_000) {
      const retry = (): void => {
        void repository.flush();
      };
      const timer = setInterval(retry, intervalMs);
      globalThis.addEventListener?.('online', retry);
      return () => {
        clearInterval(timer);
        globalThis.removeEventListener?.('online', retry);
      };
    },
  };
  return repository;
}
