import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candlesFromColumns, sliceColumns, type CandleColumns } from '../../shared/backtest/candle-columns.ts';
import { parseCandleFile } from '../../shared/backtest/candle-files.ts';
import { runBacktest } from '../../shared/backtest/engine.ts';
import { BacktestConfigSchema } from '../../shared/backtest/schemas.ts';
import type { OhlcvCandle } from '../../shared/market/index.ts';
import { compileRules, fillPriceTicks, formatPrice } from '../../shared/strategy/order-rules.ts';
import type { OrderType } from '../../shared/execution/index.ts';
import { everyIntentKind, limitRoundTrips } from '../../shared/kernel/test-strategies.ts';
import { strategyEntry } from '../../shared/strategy/registry.ts';
import type { BoundStrategy } from '../../shared/strategy/strategy.ts';
import { createAuditLog } from '../audit/index.ts';
import { ExecutionService } from '../execution/execution-service.ts';
import { createOrderStore } from '../execution/order-store.ts';
import { PaperVenue } from '../execution/paper-venue.ts';
import { BTCUSDT_RULES, BTCUSDT_SPOT } from '../exchange/test-instrument.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { ExecutionVenue } from './execution-venue.ts';
import { LiveRun } from './live-run.ts';
import { createRunStore } from './run-store.ts';
import { bookAt } from '../execution/test-books.ts';

const FIXTURE = new URL('../../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url);
const cols: CandleColumns = sliceColumns(parseCandleFile(readFileSync(FIXTURE, 'utf8'), 'BTC_USDT-1m.json'), 0, 3000);
const candles: OhlcvCandle[] = candlesFromColumns(cols);
const CAPITAL = 10_000;
const logger = pino({ level: 'silent' });

let dataDir: string;
let db: SqliteDatabase;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'paper-parity-'));
  db = openDatabase(dataDir);
});
afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The paper side of the parity: the live runner over the relay's execution service and paper
 * venue (shared matching engine, paper ledger, order store), fed the recorded candles as its
 * market. When the run acts on candle i's close the book stands at candle i+1's open, on the
 * tick grid either side of it (the recorded opens are finer than Bybit's tick: the backtest rounds
 * a buy up and a sell down the same way), and the venue's clock at that open; the candle's low and
 * high reach it as a closed 1m kline, as the stream would push them.
 */
async function paperRun(strategy: BoundStrategy, start: number, runId: string) {
  const store = createOrderStore(db);
  const gateway = new InMemoryMarketGateway([BTCUSDT_SPOT]);
  const market = { book: bookAt('0', '0'), now: 0 };
  const venue = new PaperVenue({
    instrument: async () => BTCUSDT_SPOT,
    book: async () => market.book,
    feed: gateway.openFeed(),
    fees: { maker: '0.001', taker: '0.001' },
    startBalances: { USDT: String(CAPITAL) },
    clock: () => market.now,
  });
  const execution = new ExecutionService({
    store,
    runs: createRunStore(db),
    venue,
    mode: 'paper',
    instrument: async () => BTCUSDT_SPOT,
    referencePrice: async () => Number(market.book.asks[0]!.price),
    lastPrices: async () => new Map([['BTCUSDT', market.book.asks[0]!.price]]),
    safeguards: { maxOrderNotional: String(CAPITAL * 10), dailyLossLimit: String(CAPITAL) },
    audit: createAuditLog(db),
    clock: () => new Date(market.now),
  });
  const runStore = createRunStore(db);
  const record = runStore.open({ runId, strategyId: strategy.id, version: 1, symbol: 'BTCUSDT', interval: '1m', firstCandle: candles[start]!.openTime });
  const rules = compileRules(BTCUSDT_RULES);
  const runVenue = new ExecutionVenue({ runId, strategyId: strategy.id, instrument: BTCUSDT_SPOT, rules, interval: '1m', capital: CAPITAL, execution, orders: store, store: runStore, logger });
  const run = new LiveRun({ record, strategy, rules, venue: runVenue, store: runStore, candles: async (from, to) => candles.filter((c) => c.openTime >= from && c.openTime <= to), logger });
  try {
    await run.resume(candles[start - 1]!.openTime);
    for (let i = start; i < candles.length - 1; i++) {
      // The recording has no turnover; nothing here reads it.
      gateway.stream.emit({ type: 'kline', symbol: 'BTCUSDT', interval: '1m', candle: { ...candles[i]!, turnover: candles[i]!.volume * candles[i]!.close }, closed: true });
      const next = candles[i + 1]!;
      market.book = bookAt(formatPrice(fillPriceTicks(next.open, 'sell', rules), rules), formatPrice(fillPriceTicks(next.open, 'buy', rules), rules));
      market.now = next.openTime;
      run.onKline(candles[i]!, true);
      await run.settled();
    }
    return run;
  } finally {
    run.halt();
    execution.close();
  }
}

describe('parity: one strategy over the same real BTC/USDT 1m candles through the backtest and through the paper venue', () => {
  const config = BacktestConfigSchema.parse({ symbol: 'BTCUSDT', interval: '1m', instrument: BTCUSDT_RULES, initialQuote: CAPITAL, makerFee: 0.001, takerFee: 0.001, slippageBps: 0 });
  // [name, strategy, trades the backtest books at least, order types that must have filled on paper]
  const cases: [string, () => BoundStrategy, number, OrderType[]][] = [
    ['ema-rsi', () => strategyEntry('ema-rsi').bind({ fastPeriod: 5, slowPeriod: 13 }), 5, ['market']],
    ['bollinger-reversion', () => strategyEntry('bollinger-reversion').bind({}), 5, ['market']],
    // A sell stop the paper venue holds, trailed (cancelled and placed again) every candle.
    ['donchian-atr', () => strategyEntry('donchian-atr').bind({}), 5, ['market', 'stop']],
    ['limit round trips (resting and marketable bids with a ttl, offers, cancel + market exit)', () => limitRoundTrips(), 50, ['market', 'limit']],
    // Every kind in a seeded jumble: replaced, expired and cancelled limits and stops beside market
    // orders. Its partial sells seldom leave it flat, so it books one long trade of hundreds of fills.
    ['every intent kind, seeded', () => everyIntentKind(7), 1, ['market', 'limit', 'stop']],
  ];

  for (const [name, strategy, minTrades, mustFill] of cases) {
    it(`books the same trades (entry and exit time, side, qty, price, fees): ${name}`, async () => {
      const start = 300;
      const paper = await paperRun(strategy(), start, `parity-${name}`);
      // Without the last candle: the paper run acts on it with no next open to fill at.
      const backtest = runBacktest(sliceColumns(cols, 0, cols.length - 1), strategy(), config, { start }, `parity-${name}`);
      expect(backtest.trades.length).toBeGreaterThanOrEqual(minTrades);
      expect(paper.lastError).toBeNull();
      const filled = new Set(createOrderStore(db).list({ venue: 'paper', statuses: ['filled'] }).map((o) => o.type));
      expect([...filled].sort()).toEqual(expect.arrayContaining(mustFill));
      expect(paper.trades()).toEqual(backtest.trades);
      expect(paper.runner.rejections.map((r) => r.time)).toEqual(backtest.rejections.map((r) => r.time));
    });
  }
});
