import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceOrderRequest } from '../../shared/execution/index.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { createOrderStore, type OrderDraft, type OrderStore } from './order-store.ts';
import type { VenueUpdate } from './venue.ts';

const request: PlaceOrderRequest = { idempotencyKey: 'run1-1717200000000-entry', symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.01', price: '65000', reason: 'test' };
const draft: OrderDraft = { venue: 'paper', qty: '0.010000', quoteAmount: null, price: '65000.0', triggerPrice: null, timeInForce: 'GTC' };

function filled(cumQty: string, execIds: string[]): VenueUpdate {
  return {
    order: { orderLinkId: request.idempotencyKey, venueOrderId: 'v-1', symbol: 'BTCUSDT', status: cumQty === '0.01' ? 'filled' : 'partially_filled', cumQty, cumQuote: String(Number(cumQty) * 65000), statusReason: null },
    fills: execIds.map((execId) => ({ execId, orderLinkId: request.idempotencyKey, symbol: 'BTCUSDT', side: 'buy', price: '65000', qty: '0.005', fee: '0.000005', feeAsset: 'BTC', liquidity: 'maker', time: 1_717_200_000_000 })),
  };
}

describe('order store', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: OrderStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'orders-'));
    db = openDatabase(dir);
    store = createOrderStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one order per idempotency key: the same body again is the same order, another body a conflict naming the difference', () => {
    const created = store.createIntent(request, draft);
    expect(created.status).toBe('created');
    expect(created.order).toMatchObject({ status: 'submitting', qty: '0.010000', price: '65000.0', cumQty: '0', avgPrice: null });

    // Key order of the body does not matter: the hash is over canonical JSON.
    const again = store.createIntent({ reason: 'test', price: '65000', qty: '0.01', type: 'limit', side: 'buy', symbol: 'BTCUSDT', idempotencyKey: request.idempotencyKey }, draft);
    expect(again).toEqual({ status: 'duplicate', order: created.order });

    const other = store.createIntent({ ...request, price: '64000', side: 'sell' }, draft);
    expect(other).toMatchObject({ status: 'conflict', order: { id: created.order.id } });
    expect(other.status === 'conflict' && other.differences).toEqual(['price: stored "65000", sent "64000"', 'side: stored "buy", sent "sell"']);
    expect(db.prepare('SELECT COUNT(*) AS n FROM orders').get()).toEqual({ n: 1 });
  });

  it('appends a lifecycle event per transition and each fill once, with the average price from the venue totals', () => {
    const { order } = store.createIntent(request, draft);
    store.applyUpdate(order.id, filled('0.005', ['e1']));
    // The same fill reported again (a push and a query both carry it) is not a second fill.
    const done = store.applyUpdate(order.id, filled('0.01', ['e1', 'e2']));
    expect(done).toMatchObject({ status: 'filled', cumQty: '0.01', avgPrice: '65000', venueOrderId: 'v-1' });
    expect(store.fills(order.id).map((f) => f.execId)).toEqual(['e1', 'e2']);
    expect(store.events(order.id).map((e) => e.status)).toEqual(['submitting', 'partially_filled', 'filled']);
    expect(store.venueFills('paper')).toHaveLength(2);
    expect(store.list({ venue: 'paper', statuses: ['new', 'partially_filled'] })).toEqual([]);
    expect(store.list({ venue: 'paper', symbol: 'BTCUSDT' }).map((o) => o.id)).toEqual([order.id]);
  });

  it('refuses to change or delete order events and fills (SQLite triggers)', () => {
    const { order } = store.createIntent(request, draft);
    store.applyUpdate(order.id, filled('0.005', ['e1']));
    expect(() => db.prepare('UPDATE order_events SET status = ?').run('filled')).toThrow(/order_events is append-only/);
    expect(() => db.prepare('DELETE FROM order_events').run()).toThrow(/order_events is append-only/);
    expect(() => db.prepare("UPDATE fills SET json = '{}'").run()).toThrow(/fills is append-only/);
    expect(() => db.prepare('DELETE FROM fills').run()).toThrow(/fills is append-only/);
    expect(() =>
      db.prepare("INSERT OR REPLACE INTO fills (exec_id, order_id, venue, symbol, at, json) VALUES ('e1', ?, 'paper', 'BTCUSDT', 'x', '{}')").run(order.id),
    ).toThrow(/fills is append-only/);
  });
});
