import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlaceOrderRequest } from '../../shared/execution/index.ts';
import { createAuditLog, type AuditLog } from '../audit/index.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { createRunStore } from '../runner/run-store.ts';
import { ExecutionService, OrderRefusal, type ExecutionServiceDeps, type Safeguards } from './execution-service.ts';
import { createOrderStore, type OrderStore } from './order-store.ts';
import { PaperVenue } from './paper-venue.ts';
import type { Venue, VenueOrderRequest, VenueUpdate } from './venue.ts';
import { bookAt } from './test-books.ts';
import { AuditQuerySchema } from '../../shared/audit/schemas.ts';

const BTC = testSymbol('BTCUSDT', 'BTC');
const order: PlaceOrderRequest = { idempotencyKey: 'k-1', symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '0.1', reason: 'test' };

/**
 * The paper venue behind a network that fails: the venue executes every order it receives, but
 * while `lose` is on its answers (and queries) never come back, as with a response lost after accept.
 */
class LossyNetwork implements Venue {
  readonly name = 'paper' as const;
  /** As a live venue: it holds no stop orders (unless a test says so). */
  holdsStops = false;
  lose = false;
  readonly submitted: string[] = [];
  constructor(readonly inner: PaperVenue) {}
  async submit(request: VenueOrderRequest): Promise<VenueUpdate> {
    this.submitted.push(request.orderLinkId);
    const update = await this.inner.submit(request);
    if (this.lose) throw new Error('socket hang up');
    return update;
  }
  cancel(orderLinkId: string) {
    return this.inner.cancel(orderLinkId);
  }
  async query(orderLinkId: string) {
    if (this.lose) throw new Error('connect ECONNREFUSED');
    return this.inner.query(orderLinkId);
  }
  snapshot() {
    return this.inner.snapshot();
  }
  fillsSince(since: number) {
    return this.inner.fillsSince(since);
  }
  onUpdate(listener: (update: VenueUpdate) => void) {
    return this.inner.onUpdate(listener);
  }
  close() {}
}

describe('execution service', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: OrderStore;
  let audit: AuditLog;
  let gateway: InMemoryMarketGateway;
  let network: LossyNetwork;
  let outcomes: Array<{ venue: string; outcome: string; reason?: string }>;

  const paper = () =>
    new PaperVenue({
      instrument: async () => BTC,
      book: async () => bookAt('99.9', '100.1'),
      feed: gateway.openFeed(),
      fees: { maker: '0.001', taker: '0.001' },
      startBalances: { USDT: '10000' },
    });
  const service = (
    safeguards: Safeguards = { maxOrderNotional: '5000', dailyLossLimit: '500' },
    referencePrice: ExecutionServiceDeps['referencePrice'] = async (_symbol, side) => (side === 'buy' ? 100.1 : 99.9),
  ) =>
    new ExecutionService({
      store,
      runs: createRunStore(db),
      venue: network,
      mode: 'paper',
      instrument: async () => BTC,
      referencePrice,
      lastPrices: async () => new Map([['BTCUSDT', '100']]),
      safeguards,
      audit,
      countOrder: (venue, outcome) => outcomes.push({ venue, ...outcome }),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'execution-'));
    db = openDatabase(dir);
    store = createOrderStore(db);
    outcomes = [];
    audit = createAuditLog(db);
    gateway = new InMemoryMarketGateway([BTC]);
    network = new LossyNetwork(paper());
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('places a stop order on a venue that holds stops, audited with its trigger; a venue that holds none refuses it before anything is written', async () => {
    const stopOrder = { idempotencyKey: 'stop-1', symbol: 'BTCUSDT', side: 'sell', type: 'stop', qty: '0.1', triggerPrice: '95.0', reason: 'protect' } as const;
    await expect(service().place(stopOrder, 'operator')).rejects.toMatchObject({ status: 422, code: 'stop_unsupported' });
    expect(store.getByKey('stop-1')).toBeUndefined();
    expect(network.submitted).toEqual([]);

    network = new LossyNetwork(paper());
    network.holdsStops = true;
    const placed = await service().place(stopOrder, 'operator');
    expect(placed).toMatchObject({ status: 201, order: { type: 'stop', status: 'new', triggerPrice: '95.0', price: null, cumQty: '0' } });
    expect(audit.page(AuditQuerySchema.parse({ kind: 'order.intent' })).entries[0]?.payload).toMatchObject({ outcome: 'accepted', type: 'stop', triggerPrice: '95.0' });

    for (const [body, message] of [
      [{ ...stopOrder, idempotencyKey: 'stop-2', side: 'buy' }, 'side: a stop order is a protective sell; side must be sell'],
      [{ ...stopOrder, idempotencyKey: 'stop-3', triggerPrice: undefined }, 'triggerPrice: a stop order needs a triggerPrice'],
      [{ ...stopOrder, idempotencyKey: 'stop-4', price: '95' }, 'price: a stop order sells at market once triggered; it takes no price'],
      [{ ...stopOrder, idempotencyKey: 'stop-5', type: 'limit', price: '95' }, 'triggerPrice: triggerPrice is for stop orders only'],
    ] as const) {
      await expect(service().place(body, 'operator')).rejects.toMatchObject({ status: 400, message: expect.stringContaining(message) });
    }
    await expect(service().place({ ...stopOrder, idempotencyKey: 'stop-6', triggerPrice: '95.05' }, 'operator')).rejects.toMatchObject({ status: 400, code: 'price_off_tick', message: expect.stringContaining('triggerPrice 95.05') });
  });

  it('refuses a market order whose book side is empty as no_price, before anything is written or sent', async () => {
    const emptyBids = service(undefined, async (_symbol, side) => (side === 'buy' ? 100.1 : 0));
    await expect(emptyBids.place({ ...order, side: 'sell' }, 'operator')).rejects.toMatchObject({ status: 400, code: 'no_price', message: expect.stringContaining('no market price is known for BTCUSDT') });
    expect(store.getByKey(order.idempotencyKey)).toBeUndefined();
    expect(network.submitted).toEqual([]);
  });

  it('sends a retried key once and answers it with the same order', async () => {
    const first = await service().place(order, 'operator');
    expect(first).toMatchObject({ status: 201, created: true, order: { status: 'filled', cumQty: '0.1', avgPrice: '100.1' } });
    const retry = await service().place({ ...order }, 'operator');
    expect(retry).toEqual({ status: 200, created: false, order: first.order });
    await expect(service().place({ ...order, qty: '0.2' }, 'operator')).rejects.toMatchObject({ status: 409, message: expect.stringContaining('qty: stored "0.1", sent "0.2"') });
    expect(network.submitted).toEqual(['k-1']);
  });

  it('after a crash, settles an order the venue accepted but whose answer was lost by querying its orderLinkId, never re-sending', async () => {
    network.lose = true;
    const lost = await service().place(order, 'operator');
    // The answer and the follow-up query were both lost: the outcome is unknown, nothing is assumed.
    expect(lost).toMatchObject({ status: 202, order: { status: 'unknown', cumQty: '0' } });

    // The relay restarts (a new service over the same database); the network is back.
    network.lose = false;
    const [settled] = await service().resolveUnsettled();
    expect(settled).toMatchObject({ id: lost.order.id, status: 'filled', cumQty: '0.1', avgPrice: '100.1' });
    expect(store.fills(lost.order.id)).toMatchObject([{ price: '100.1', qty: '0.1', fee: '0.0001', feeAsset: 'BTC', liquidity: 'taker' }]);
    expect(store.events(lost.order.id).map((e) => e.status)).toEqual(['submitting', 'unknown', 'filled']);
    expect(network.submitted).toEqual(['k-1']);
    expect(audit.page({ kind: 'order.exchange_answer', limit: 10 }).entries.map((e) => e.payload.outcome)).toEqual(['resolved', 'lost']);
  });

  it('closes an intent a crash left unsent as rejected, without sending it', async () => {
    const { order: intent } = store.createIntent({ ...order, idempotencyKey: 'k-unsent' }, { venue: 'paper', qty: '0.100000', quoteAmount: null, price: null, triggerPrice: null, timeInForce: 'IOC' });
    const [settled] = await service().resolveUnsettled();
    expect(settled).toMatchObject({ id: intent.id, status: 'rejected', statusReason: 'the venue never received it; not sent again' });
    expect(network.submitted).toEqual([]);
  });

  it('closes an order that never reached the venue as rejected with a 503, and answers its retry from the store', async () => {
    network = new LossyNetwork(
      new PaperVenue({
        instrument: async () => BTC,
        book: async () => {
          throw new Error('exchange unreachable');
        },
        feed: gateway.openFeed(),
        fees: { maker: '0.001', taker: '0.001' },
        startBalances: { USDT: '10000' },
      }),
    );
    await expect(service().place(order, 'operator')).rejects.toMatchObject({ status: 503, code: 'venue_unreachable' });
    const retry = await service().place(order, 'operator');
    expect(retry).toMatchObject({ status: 200, created: false, order: { status: 'rejected', statusReason: 'the venue never received it; not sent again' } });
    expect(network.submitted).toEqual(['k-1']);
    // Told once, as a failure: the retry answered from the store is no second order.
    expect(outcomes).toEqual([{ venue: 'paper', outcome: 'failed', reason: 'venue_unreachable' }]);
  });

  it('refuses a buy above MAX_ORDER_NOTIONAL and any buy once the day lost DAILY_LOSS_LIMIT, before sending; a sell still closes', async () => {
    await expect(service({ maxOrderNotional: '1', dailyLossLimit: '500' }).place(order, 'operator')).rejects.toMatchObject({ status: 400, code: 'max_notional_exceeded' });
    // Buy 1 at 100.1, sell 0.8 at 99.9 with 0.1 % fees each way: a loss of about 0.32 USDT today.
    const relaxed = service({ maxOrderNotional: '5000', dailyLossLimit: '0.3' });
    await relaxed.place({ ...order, idempotencyKey: 'k-buy', qty: '1' }, 'operator');
    await relaxed.place({ ...order, idempotencyKey: 'k-sell', side: 'sell', qty: '0.8' }, 'operator');
    const refused = relaxed.place({ ...order, idempotencyKey: 'k-next' }, 'operator');
    await expect(refused).rejects.toBeInstanceOf(OrderRefusal);
    await expect(refused).rejects.toMatchObject({ status: 403, code: 'daily_loss_limit' });
    // A sell only reduces what is held: neither limit traps a position, even one now worth more than MAX_ORDER_NOTIONAL.
    const strict = service({ maxOrderNotional: '1', dailyLossLimit: '0.3' });
    await strict.place({ ...order, idempotencyKey: 'k-exit', side: 'sell', qty: '0.1' }, 'operator');
    expect(network.submitted).toEqual(['k-buy', 'k-sell', 'k-exit']);
    const refusals = audit.page({ kind: 'order.intent', limit: 10 }).entries.filter((e) => e.payload.outcome === 'refused');
    expect(refusals.map((e) => e.payload.code)).toEqual(['daily_loss_limit', 'max_notional_exceeded']);
    expect(outcomes).toEqual([
      { venue: 'paper', outcome: 'refused', reason: 'max_notional_exceeded' },
      { venue: 'paper', outcome: 'placed' },
      { venue: 'paper', outcome: 'placed' },
      { venue: 'paper', outcome: 'refused', reason: 'daily_loss_limit' },
      { venue: 'paper', outcome: 'placed' },
    ]);
  });

  it('checks the daily loss limit from the fills stored since the last check, never re-reading the whole history', async () => {
    let historyReads = 0;
    let rowsRead = 0;
    store = {
      ...store,
      venueFills: (venue) => {
        historyReads++;
        return createOrderStore(db).venueFills(venue);
      },
      venueFillsAfter: (venue, cursor) => {
        const batch = createOrderStore(db).venueFillsAfter(venue, cursor);
        rowsRead += batch.fills.length;
        return batch;
      },
    };
    const s = service({ maxOrderNotional: '5000', dailyLossLimit: '0.3' });
    for (let i = 0; i < 5; i++) await s.place({ ...order, idempotencyKey: `k-buy-${i}`, qty: '1' }, 'operator');
    expect(rowsRead).toBe(4);
    await s.place({ ...order, idempotencyKey: 'k-sell', side: 'sell', qty: '4.9' }, 'operator');
    // Each stored fill is read once (the sixth by the refused order's check), and the limit still holds.
    await expect(s.place({ ...order, idempotencyKey: 'k-next' }, 'operator')).rejects.toMatchObject({ status: 403, code: 'daily_loss_limit' });
    expect(rowsRead).toBe(6);
    expect(historyReads).toBe(0);
  });

  it('rebuilds the paper account after a restart: balances from the stored fills, open limits back on the book', async () => {
    const s = service();
    await s.place({ ...order, idempotencyKey: 'k-buy', qty: '1' }, 'operator');
    const resting = await s.place({ ...order, idempotencyKey: 'k-rest', type: 'limit', qty: '0.5', price: '90' }, 'operator');
    const before = await network.snapshot();
    expect(before.balances.find((b) => b.asset === 'USDT')).toMatchObject({ locked: '45' });

    // A new process: a fresh paper venue restored from the database alone.
    const restored = paper();
    await restored.restore(store.venueFills('paper'), store.list({ venue: 'paper', statuses: ['new', 'partially_filled'] }));
    network = new LossyNetwork(restored);
    expect(await restored.snapshot()).toEqual(before);
    const cancelled = await service().cancel(resting.order.id, 'operator');
    expect(cancelled).toMatchObject({ status: 'cancelled', cumQty: '0' });
    expect((await restored.snapshot()).balances.find((b) => b.asset === 'USDT')).toMatchObject({ locked: '0', free: '9899.9' });
  });

  it('reports positions by average cost with realized and unrealized PnL, and paper balances net of fees', async () => {
    const s = service();
    await s.place({ ...order, idempotencyKey: 'k-buy', qty: '1' }, 'operator');
    await s.place({ ...order, idempotencyKey: 'k-sell', side: 'sell', qty: '0.5' }, 'operator');
    const { positions } = await s.positions();
    // Bought 1 at 100.1 (fee 0.001 BTC): holds 0.999 costing 100.1. Sold 0.5 at 99.9 less 0.04995 USDT fee = 49.90005
    // against 0.5/0.999 of the cost (50.1001001...): realized -0.2000501001...; 0.499 left costing 49.9998998...
    // is worth 49.9 at the last price 100: unrealized -0.0998998...
    expect(positions).toEqual([
      {
        symbol: 'BTCUSDT',
        qty: '0.499',
        avgCost: '100.2002002002002003',
        realizedPnl: '-0.20005010010010005',
        unrealizedPnl: '-0.09989989989989995',
        lastPrice: '100',
      },
    ]);
    expect((await s.balances()).balances).toEqual([
      { asset: 'BTC', free: '0.499', locked: '0', total: '0.499' },
      { asset: 'USDT', free: '9949.80005', locked: '0', total: '9949.80005' },
    ]);
  });
});
