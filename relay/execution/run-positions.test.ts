import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PositionsResponseSchema, RunPositionsResponseSchema, type PlaceOrderRequest } from '../../shared/execution/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import { StrategyRunIdSchema } from '../../shared/runner/schemas.ts';
import { createAuditLog } from '../audit/index.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { runIdOf } from '../runner/run-id.ts';
import { createRunStore, type RunStore } from '../runner/run-store.ts';
import { ExecutionService } from './execution-service.ts';
import { createOrderStore } from './order-store.ts';
import { createOrdersRouter } from './orders-router.ts';
import { PaperVenue } from './paper-venue.ts';
import { bookAt } from './test-books.ts';

const BTC = testSymbol('BTCUSDT', 'BTC');
const runA = runIdOf({ strategyId: 'ema-rsi', version: 1, stateChangedAt: '2026-11-30T10:00:00.000Z' });
const runB = runIdOf({ strategyId: 'ema-rsi', version: 2, stateChangedAt: '2026-12-01T10:00:00.000Z' });
const runIdle = runIdOf({ strategyId: 'breakout', version: 1, stateChangedAt: '2026-12-01T12:00:00.000Z' });

/** Two strategy runs and the trader's own orders on one symbol, over the paper venue and a real SQLite file. */
describe('positions per strategy run', () => {
  let api: TestApiWithDatabase;
  let execution: ExecutionService;
  let runs: RunStore;
  /** The book's one price: every market order fills at it, and it is the last price. */
  let price = '100';

  /** A market order the runner places for `runId`: its intent recorded under the key first, as relay/runner does. */
  const runOrder = async (runId: string, key: string, side: 'buy' | 'sell', qty: string) => {
    runs.recordIntent(runId, 0, { type: 'market', key, time: 0, side, fraction: 1 });
    await execution.place({ idempotencyKey: key, symbol: 'BTCUSDT', side, type: 'market', qty, strategyId: 'ema-rsi', reason: `${runId}: market ${side}` }, `runner:${runId}`);
  };
  const get = async (path: string) => {
    const res = await fetch(`${api.apiUrl}${path}`);
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const positionsOf = async (query: string) => PositionsResponseSchema.parse((await get(`/positions${query}`)).body).positions;

  beforeEach(async () => {
    const gateway = new InMemoryMarketGateway([BTC]);
    api = await listenWithTempDatabase('run-positions-', (db) => {
      runs = createRunStore(db);
      execution = new ExecutionService({
        store: createOrderStore(db),
        runs,
        venue: new PaperVenue({
          instrument: async () => BTC,
          book: async () => bookAt(price, price),
          feed: gateway.openFeed(),
          fees: { maker: '0.001', taker: '0.001' },
          startBalances: { USDT: '10000' },
        }),
        mode: 'paper',
        instrument: async () => BTC,
        referencePrice: async () => Number(price),
        lastPrices: async () => new Map([['BTCUSDT', price]]),
        safeguards: { maxOrderNotional: '5000', dailyLossLimit: '5000' },
        audit: createAuditLog(db),
      });
      return createOrdersRouter({ execution });
    });
    for (const [runId, version] of [[runA, 1], [runB, 2]] as const) runs.open({ runId, strategyId: 'ema-rsi', version, symbol: 'BTCUSDT', interval: '1m', firstCandle: 0 });
    runs.open({ runId: runIdle, strategyId: 'breakout', version: 1, symbol: 'BTCUSDT', interval: '1m', firstCandle: 0 });
  });

  afterEach(async () => {
    execution.close();
    await api.close();
  });

  it('counts for each run only the fills of its own orders; quantities and total PnL of runs and hand orders add up to the venue', async () => {
    const manual: PlaceOrderRequest = { idempotencyKey: 'hand-1', symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '1', reason: 'by hand' };
    await runOrder(runA, 'a-buy', 'buy', '1');
    price = '200';
    await runOrder(runB, 'b-buy', 'buy', '1');
    price = '300';
    await execution.place(manual, 'operator');
    price = '150';
    // Run A sells what it holds (1 BTC less its 0.001 BTC buy fee), at a price below the venue's average cost.
    await runOrder(runA, 'a-sell', 'sell', '0.999');

    // A: 0.999 x 150 = 149.85 less the 0.14985 USDT fee, against the 100 it paid.
    expect(await positionsOf(`?strategyRunId=${runA}`)).toEqual([{ symbol: 'BTCUSDT', qty: '0', avgCost: null, realizedPnl: '49.70015', unrealizedPnl: '0', lastPrice: '150' }]);
    // B still holds 0.999 bought for 200.
    expect(await positionsOf(`?strategyRunId=${runB}`)).toEqual([
      { symbol: 'BTCUSDT', qty: '0.999', avgCost: '200.2002002002002002', realizedPnl: '0', unrealizedPnl: '-50.15', lastPrice: '150' },
    ]);
    const venue = await positionsOf('');
    // On the venue the sell realized against the average of all three buys (a third of 600, to 18 decimals): a loss.
    expect(venue).toMatchObject([{ symbol: 'BTCUSDT', qty: '1.998', realizedPnl: '-50.2998499999999998' }]);

    const byRun = RunPositionsResponseSchema.parse((await get('/positions/by-run')).body);
    expect(byRun.runs.map((r) => [r.runId, r.positions.length])).toEqual([
      [runIdle, 0],
      [runB, 1],
      [runA, 1],
    ]);
    const positionIn = (runId: string) => byRun.runs.find((r) => r.runId === runId)!.positions[0]!;
    const [a, b] = [positionIn(runA), positionIn(runB)];
    expect([a, b]).toEqual([(await positionsOf(`?strategyRunId=${runA}`))[0], (await positionsOf(`?strategyRunId=${runB}`))[0]]);
    // The hand order holds 0.999 bought for 300: -150.15 at 150.
    const hand = { qty: fixed('0.999'), total: -fixed('150.15') };
    // PnL may be negative, which fixed() (made for amounts) does not read.
    const signed = (text: string) => (text.startsWith('-') ? -fixed(text.slice(1)) : fixed(text));
    const total = (p: { realizedPnl: string; unrealizedPnl: string | null }) => signed(p.realizedPnl) + signed(p.unrealizedPnl!);
    expect(fixedText(fixed(a.qty) + fixed(b.qty) + hand.qty)).toBe(venue[0]!.qty);
    expect(fixedText(total(a) + total(b) + hand.total)).toBe(fixedText(total(venue[0]!)));
  });

  it('answers a run without orders with no positions, an unknown run with 404 and a malformed id with 400, each in words', async () => {
    expect(await positionsOf(`?strategyRunId=${runIdle}`)).toEqual([]);
    const unknown = await get(`/positions?strategyRunId=${runIdOf({ strategyId: 'ema-rsi', version: 9, stateChangedAt: '2026-12-02T00:00:00.000Z' })}`);
    expect(unknown.status).toBe(404);
    expect(ApiErrorSchema.parse(unknown.body).error).toMatchObject({ code: 'unknown_run', message: expect.stringContaining('no strategy run ema-rsi.v9.') });
    for (const bad of ['ema-rsi', 'EMA.v1.x', 'ema-rsi.v0.abc', 'ema-rsi.v1.', `${runA}&strategyRunId=${runB}`, `${runA}&by=run`]) {
      const res = await get(`/positions?strategyRunId=${bad}`);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(ApiErrorSchema.parse(res.body).error).toMatchObject({ code: 'invalid_query', message: expect.any(String) });
    }
  });

  it('names runs by the ids the runner derives', () => {
    for (const id of [runA, runB, runIdle]) expect(StrategyRunIdSchema.parse(id)).toBe(id);
  });
});
