import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, type AuditLog } from '../audit/index.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { createRunStore } from '../runner/run-store.ts';
import { replayDeadLetter } from './dead-letter-replay.ts';
import { createDeadLetterStore, type DeadLetterStore } from './dead-letter-store.ts';
import { ExecutionService } from './execution-service.ts';
import { createOrderStore, type OrderStore } from './order-store.ts';
import { PaperVenue } from './paper-venue.ts';
import { Reconciliation } from './reconciliation.ts';
import { bookAt } from './test-books.ts';

const BTC = testSymbol('BTCUSDT', 'BTC');
const restingBuy = { idempotencyKey: 'rest-1', symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.1', price: '95', reason: 'test' } as const;
/** The database refuses every new fill, as a full disk or a locked file would. */
const REFUSE_FILLS = "CREATE TRIGGER refuse_fills BEFORE INSERT ON fills BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END";

/**
 * A paper limit fills while the store cannot take the fill: the update is retried, then kept as
 * a dead letter; replaying it, or reconciling against the paper venue's own ledger, brings the
 * records back to the venue's state.
 */
describe('paper venue: updates that cannot be applied, dead letters and reconciliation', () => {
  let dir: string;
  let db: SqliteDatabase;
  let store: OrderStore;
  let audit: AuditLog;
  let deadLetters: DeadLetterStore;
  let gateway: InMemoryMarketGateway;
  let venue: PaperVenue;
  let reconciliation: Reconciliation;
  let service: ExecutionService;
  /** The paper venue's and reconciliation's time: only a test moves it. */
  const clock = { now: 0 };

  beforeEach(() => {
    clock.now = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'paper-reconcile-'));
    db = openDatabase(dir);
    store = createOrderStore(db);
    audit = createAuditLog(db);
    deadLetters = createDeadLetterStore(db);
    gateway = new InMemoryMarketGateway([BTC]);
    venue = new PaperVenue({ instrument: async () => BTC, book: async () => bookAt('99.9', '100.1'), feed: gateway.openFeed(), fees: { maker: '0.001', taker: '0.001' }, startBalances: { USDT: '10000' }, clock: () => clock.now });
    reconciliation = new Reconciliation({ venue, store, audit, coins: async () => BTC, now: () => clock.now });
    service = new ExecutionService({
      store,
      runs: createRunStore(db),
      venue,
      mode: 'paper',
      instrument: async () => BTC,
      referencePrice: async (_symbol, side) => (side === 'buy' ? 100.1 : 99.9),
      lastPrices: async () => new Map([['BTCUSDT', '100']]),
      safeguards: { maxOrderNotional: '5000', dailyLossLimit: '500' },
      audit,
      deadLetters,
      reconciliation,
    });
  });
  afterEach(() => {
    service.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Places the resting buy, then the market trades through it while the store refuses fills; resolves once it is a dead letter. */
  const fillWhileStoreRefuses = async () => {
    const { order } = await service.place(restingBuy, 'operator');
    expect(order.status).toBe('new');
    await reconciliation.run('start');
    db.exec(REFUSE_FILLS);
    gateway.stream.emit({ type: 'ticker', ticker: { symbol: 'BTCUSDT', lastPrice: 94, change24hPct: 0, high24h: 100, low24h: 94, volume24h: 1, turnover24h: 1, ts: Date.now() } });
    for (let i = 0; i < 50 && deadLetters.pendingCount() === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    db.exec('DROP TRIGGER refuse_fills');
    return order;
  };

  it('keeps an update that failed after its retries as a dead letter, and a replay applies it once', async () => {
    const order = await fillWhileStoreRefuses();
    expect(store.get(order.id)).toMatchObject({ status: 'new', cumQty: '0' });
    const [letter] = deadLetters.list({ state: 'pending' });
    expect(letter).toMatchObject({ venue: 'paper', kind: 'venue_update', orderLinkId: 'rest-1', error: 'disk I/O error', attempts: 3, state: 'pending', replayError: null });

    const replayed = replayDeadLetter({ deadLetters, updates: service.updates, audit }, letter!.id, 'operator');
    expect(replayed).toMatchObject({ id: letter!.id, state: 'replayed', replayedAt: expect.any(String) });
    expect(store.get(order.id)).toMatchObject({ status: 'filled', cumQty: '0.1', avgPrice: '95' });
    expect(store.fills(order.id)).toMatchObject([{ price: '95', qty: '0.1', liquidity: 'maker' }]);
    expect(() => replayDeadLetter({ deadLetters, updates: service.updates, audit }, letter!.id, 'operator')).toThrow(expect.objectContaining({ status: 409, code: 'already_replayed' }));
    expect(audit.page({ kind: 'dead_letter.replay', limit: 10 }).entries.map((e) => [e.actor, e.payload.outcome, e.payload.status])).toEqual([['operator', 'applied', 'filled']]);
  });

  it('records a replay that still fails, in words, and leaves the letter pending', async () => {
    await fillWhileStoreRefuses();
    const [letter] = deadLetters.list({});
    db.exec(REFUSE_FILLS);
    expect(() => replayDeadLetter({ deadLetters, updates: service.updates, audit }, letter!.id, 'operator')).toThrow(expect.objectContaining({ status: 422, code: 'replay_failed', message: `dead letter ${letter!.id} still cannot be applied: disk I/O error` }));
    expect(deadLetters.get(letter!.id)).toMatchObject({ state: 'pending', replayError: 'disk I/O error' });
    expect(() => db.exec(`DELETE FROM dead_letters WHERE id = ${letter!.id}`)).toThrow('dead_letters rows are kept');
  });

  it('repairs the missed fill from the paper ledger in one run; the next run finds nothing', async () => {
    const order = await fillWhileStoreRefuses();
    const run = await reconciliation.run('schedule');
    expect(run.error).toBeNull();
    expect(run.drift).toEqual([
      { kind: 'order_status', subject: 'rest-1', local: 'new, filled 0', venue: 'not open', repaired: true },
      { kind: 'missed_fill', subject: expect.any(String), local: 'not stored', venue: 'buy 0.1 BTCUSDT at 95 (order rest-1)', repaired: true },
    ]);
    expect(store.get(order.id)).toMatchObject({ status: 'filled', cumQty: '0.1' });
    expect(store.fills(order.id)).toHaveLength(1);
    expect((await reconciliation.run('schedule')).drift).toEqual([]);
    expect(reconciliation.state()).toMatchObject({ venue: 'paper', runs: 3, driftTotals: { order_status: 1, missed_fill: 1, balance: 0 }, lastDrift: { trigger: 'schedule' } });
    expect(audit.page({ kind: 'reconciliation.drift', limit: 10 }).entries).toHaveLength(1);
  });

  it('after a run that failed, reads the venue\'s fills from the last run that checked them', async () => {
    await fillWhileStoreRefuses();
    // Ten minutes on, a run fails on the same refusal while repairing: it checked nothing.
    clock.now += 600_000;
    db.exec(REFUSE_FILLS);
    expect((await reconciliation.run('schedule')).error).toBe('disk I/O error');
    db.exec('DROP TRIGGER refuse_fills');
    clock.now += 600_000;
    // The fill is twenty minutes old, far before the failed run: still found as missed.
    expect((await reconciliation.run('schedule')).drift.map((d) => [d.kind, d.repaired])).toEqual([
      ['order_status', true],
      ['missed_fill', true],
    ]);
  });
});
