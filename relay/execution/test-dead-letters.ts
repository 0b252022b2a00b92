import { openDatabase } from '../storage/database.ts';
import { createDeadLetterStore } from './dead-letter-store.ts';
import { createOrderStore } from './order-store.ts';
import type { VenueUpdate } from './venue.ts';

/**
 * For route tests: a pending dead letter in a running relay's database (a second connection, as
 * WAL allows), holding the venue's word on an order the relay placed, as it stands, so a replay of
 * it applies cleanly. Returns its id.
 */
export function seedDeadLetter(dataDir: string, orderLinkId: string): number {
  const db = openDatabase(dataDir);
  try {
    const order = createOrderStore(db).getByKey(orderLinkId);
    if (order === undefined || order.venueOrderId === null || order.status === 'submitting' || order.status === 'unknown') throw new Error(`no placed order ${orderLinkId} to seed a dead letter for`);
    const update: VenueUpdate = {
      order: { orderLinkId, venueOrderId: order.venueOrderId, symbol: order.symbol, status: order.status, cumQty: order.cumQty, cumQuote: order.cumQuote, statusReason: order.statusReason },
      fills: [],
    };
    return createDeadLetterStore(db).add({ venue: order.venue, kind: 'venue_update', orderLinkId, payload: update, error: 'SQLITE_BUSY: database is locked', attempts: 3 }).id;
  } finally {
    db.close();
  }
}
