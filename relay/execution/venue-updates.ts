import type { OrderRecord, VenueName } from '../../shared/execution/index.ts';
import type { BackoffPolicy } from '../../shared/net/backoff.ts';
import { withRetries } from '../exchange/retry.ts';
import type { DeadLetterStore } from './dead-letter-store.ts';
import type { OrderStore } from './order-store.ts';
import type { VenueUpdate } from './venue.ts';

export interface VenueUpdatesOptions {
  store: OrderStore;
  venue: VenueName;
  /** Where an update that still fails after its retries is kept; without one it is only reported. */
  deadLetters?: DeadLetterStore;
  /** Extra attempts after the first (default 2), after this backoff (default 50-200 ms). */
  retries?: number;
  backoff?: BackoffPolicy;
  onDeadLetter?: (error: Error) => void;
}

/**
 * Applies the changes a venue reports on its own (a resting order filling, a poll finding a cancel)
 * to the order store. One that keeps failing (the database refusing the write, an order the relay
 * does not know) is not lost: it becomes a dead letter an operator can replay.
 */
export class VenueUpdates {
  constructor(private readonly options: VenueUpdatesOptions) {}

  /** The first attempt runs before this returns, so the store is current at once when it succeeds. */
  async receive(update: VenueUpdate): Promise<void> {
    const { retries = 2, backoff = { baseMs: 50, maxMs: 200 } } = this.options;
    let attempts = 0;
    try {
      await withRetries(
        async () => {
          attempts += 1;
          return this.apply(update);
        },
        { retries, backoff, isRetryable: () => true },
      );
    } catch (error) {
      const message = (error as Error).message;
      this.options.deadLetters?.add({ venue: this.options.venue, kind: 'venue_update', orderLinkId: update.order.orderLinkId, payload: update, error: message, attempts });
      this.options.onDeadLetter?.(error as Error);
    }
  }

  /** Applies it once; throws when it cannot. */
  apply(update: VenueUpdate): OrderRecord {
    const { store } = this.options;
    const order = store.getByKey(update.order.orderLinkId);
    if (order === undefined) throw new Error(`no local order has orderLinkId ${update.order.orderLinkId}`);
    return store.applyUpdate(order.id, update);
  }
}
