import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../../shared/indicators/fixture-candles.ts';
import type { OhlcvCandle } from '../../shared/market/index.ts';
import { compileRules } from '../../shared/strategy/order-rules.ts';
import type { BoundStrategy } from '../../shared/strategy/strategy.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { parseConfig } from '../config.ts';
import type { ExecutionService } from '../execution/execution-service.ts';
import { openExecution } from '../execution/open-execution.ts';
import { createOrderStore } from '../execution/order-store.ts';
import { BTCUSDT_RULES, BTCUSDT_SPOT } from '../exchange/test-instrument.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { MarketService } from '../market/market-service.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { ExecutionVenue } from './execution-venue.ts';
import { LiveRun } from './live-run.ts';
import { createRunStore, type RunStore } from './run-store.ts';

const logger = pino({ level: 'silent' });
// Real candles moved an hour ahead of now: the paper venue stamps fills with the wall clock, and a fill belongs to the candle it happened in.
const recorded = loadFixtureCandles(BTC_1M_FIXTURE).slice(0, 20);
const shift = Math.floor(Date.now() / 60_000) * 60_000 + 3_600_000 - recorded[0]!.openTime;
const candles: OhlcvCandle[] = recorded.map((c) => ({ ...c, openTime: c.openTime + shift }));

/** Buys half its quote while flat, sells everything while long: an order on every candle. */
const flipFlop: BoundStrategy = {
  id: 'ema-rsi',
  version: '1',
  params: {},
  warmupBars: 2,
  indicators: [],
  init: () => null,
  step: (state, _candle, position) => ({ state, intents: [position.base > 0 ? { type: 'market', side: 'sell', fraction: 1 } : { type: 'market', side: 'buy', fraction: 0.5 }] }),
};

let dataDir: string;
let db: SqliteDatabase;
let market: MarketService;
let audit: AuditLog;
let execution: ExecutionService;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'execution-venue-'));
  db = openDatabase(dataDir);
  const gateway = new InMemoryMarketGateway([BTCUSDT_SPOT]);
  market = new MarketService(gateway);
  audit = createAuditLog(db);
  execution = await openExecution({ mode: 'paper', settings: parseConfig({}).execution, gateway, market, db, audit });
});
afterEach(() => {
  execution.close();
  market.close();
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The relay's side of one run, as StrategyRunners builds it, over `store`. */
function openRun(store: RunStore): LiveRun {
  const record = store.open({ runId: 'flip', strategyId: 'ema-rsi', version: 1, symbol: 'BTCUSDT', interval: '1m', firstCandle: candles[5]!.openTime });
  const rules = compileRules(BTCUSDT_RULES);
  const venue = new ExecutionVenue({ runId: 'flip', strategyId: 'ema-rsi', instrument: BTCUSDT_SPOT, rules, interval: '1m', capital: 1_000, execution, orders: createOrderStore(db), store, logger });
  const run = new LiveRun({ record, strategy: flipFlop, rules, venue, store, candles: async (from, to) => candles.filter((c) => c.openTime >= from && c.openTime <= to), logger });
  venue.restore();
  return run;
}

describe('the execution venue under a crash between sending a candle\'s orders and marking the candle', () => {
  it('acts on the candle again at restart with the same keys, which the execution service answers from its store: nothing is placed twice', async () => {
    const store = createRunStore(db);
    const first = openRun(store);
    await first.resume(candles[4]!.openTime);
    for (const i of [5, 6]) first.onKline(candles[i]!, true);
    await first.settled();
    expect(execution.list({})).toHaveLength(2);
    first.halt();

    // This process sends candle 7's order, then dies before the candle's mark is committed.
    const dying = openRun({ ...store, inTransaction: () => { throw new Error('the relay process died'); } });
    await dying.resume(candles[6]!.openTime);
    dying.onKline(candles[7]!, true);
    await dying.settled();
    expect(dying.lastError).toBe('the relay process died');
    expect(execution.list({})).toHaveLength(3);
    expect(store.get('flip')?.lastCandle).toBe(candles[6]!.openTime);

    // The restart acts on candle 7 again: same decision, same key, answered 200 from the order store.
    const restarted = openRun(store);
    await restarted.resume(candles[7]!.openTime);
    expect(restarted.lastError).toBeNull();
    expect(execution.list({})).toHaveLength(3);
    expect(store.get('flip')?.lastCandle).toBe(candles[7]!.openTime);
    restarted.onKline(candles[8]!, true);
    await restarted.settled();

    const orders = execution.list({});
    expect(orders).toHaveLength(4);
    expect(orders.map((o) => o.side).reverse()).toEqual(['buy', 'sell', 'buy', 'sell']);
    expect(new Set(orders.map((o) => o.idempotencyKey)).size).toBe(4);
    const accepted = audit.page({ kind: 'order.intent', limit: 100 }).entries.filter((e) => e.payload.outcome === 'accepted');
    expect(accepted.map((e) => e.actor)).toEqual(Array(4).fill('runner:flip'));
    // One round trip closed; the second's sell (decided on candle 8) is booked with the next candle.
    expect(restarted.trades().map((t) => t.exitTime === null)).toEqual([false, true]);
  });
});

describe("the run's protective stop", () => {
  const rules = compileRules(BTCUSDT_RULES);
  const runVenue = (holdsStops: boolean) =>
    new ExecutionVenue({
      runId: 'stops',
      strategyId: 'donchian-atr',
      instrument: BTCUSDT_SPOT,
      rules,
      interval: '1m',
      capital: 1_000,
      execution: { place: (body, actor) => execution.place(body, actor), cancel: (id, actor) => execution.cancel(id, actor), holdsStops },
      orders: createOrderStore(db),
      store: createRunStore(db),
      logger,
    });
  /** Buys with half the run's quote at the paper book (100), then protects 1 BTC with a stop at 90. */
  async function longWithStop(venue: ExecutionVenue): Promise<void> {
    const now = Date.now();
    await venue.submit({ type: 'market', key: 'buy-1', time: now - 60_000, side: 'buy', fraction: 0.5 });
    venue.deliver(now + 60_000);
    expect(venue.funds().baseLots).toBeGreaterThan(1_000_000);
    await venue.submit({ type: 'stop', key: 'stop-1', time: now, side: 'sell', lots: 1_000_000, ticks: 900 });
    await venue.flush();
  }

  it('is a stop order the venue holds where it holds them (paper), cancelled once the run is flat', async () => {
    const venue = runVenue(true);
    await longWithStop(venue);
    expect(execution.list({}).find((o) => o.idempotencyKey === 'stop-1')).toMatchObject({ type: 'stop', status: 'new', qty: '1.000000', triggerPrice: '90.0' });
    await venue.submit({ type: 'market', key: 'exit-1', time: Date.now(), side: 'sell', fraction: 1 });
    venue.deliver(Date.now() + 120_000);
    await venue.flush();
    expect(execution.list({}).find((o) => o.idempotencyKey === 'stop-1')?.status).toBe('cancelled');
  });

  it('is kept by the run where the venue holds none (live), and sent as a market sell once the market trades through it', async () => {
    const venue = runVenue(false);
    await longWithStop(venue);
    expect(execution.list({}).map((o) => o.idempotencyKey)).toEqual(['buy-1']);
    venue.traded(90.5, Date.now());
    await venue.flush();
    expect(execution.list({})).toHaveLength(1);
    venue.traded(89.9, Date.now());
    await venue.flush();
    expect(execution.list({}).find((o) => o.idempotencyKey === 'stop-1')).toMatchObject({ type: 'market', side: 'sell', qty: '1.000000', status: 'filled' });
  });
});
