import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candlesFromColumns, sliceColumns, type CandleColumns } from '../../shared/backtest/candle-columns.ts';
import { parseCandleFile } from '../../shared/backtest/candle-files.ts';
import { CandleVenue } from '../../shared/backtest/candle-venue.ts';
import { runBacktest } from '../../shared/backtest/engine.ts';
import { BacktestConfigSchema, type BacktestConfig } from '../../shared/backtest/schemas.ts';
import type { CancelRequest, SizedIntent, VenueEvent, VenueOrder } from '../../shared/kernel/index.ts';
import type { OhlcvCandle } from '../../shared/market/index.ts';
import { compileRules } from '../../shared/strategy/order-rules.ts';
import { strategyEntry } from '../../shared/strategy/registry.ts';
import { NO_INTENTS, type BoundStrategy } from '../../shared/strategy/strategy.ts';
import { BTCUSDT_RULES } from '../exchange/test-instrument.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { LiveRun, type LiveVenue } from './live-run.ts';
import { createRunStore, type RunStore } from './run-store.ts';

const FIXTURE = new URL('../../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url);
const cols: CandleColumns = sliceColumns(parseCandleFile(readFileSync(FIXTURE, 'utf8'), 'BTC_USDT-1m.json'), 0, 3000);
const candles: OhlcvCandle[] = candlesFromColumns(cols);
const logger = pino({ level: 'silent' });

/**
 * The exchange side of the replay: the kernel's candle fill model, which outlives any restart of
 * the relay, and the record of everything it reported (as an exchange keeps its fill history).
 */
class CandleExchange {
  readonly venue: CandleVenue;
  readonly history: VenueEvent[] = [];
  constructor(config: BacktestConfig) {
    this.venue = new CandleVenue(config, compileRules(config.instrument));
    this.venue.onEvent((event) => this.history.push(event));
  }
}

/** The relay's side of that exchange for one run: what it reports, the run learns through `deliver`, as it learns from the order store. */
class CandleExchangeVenue implements LiveVenue {
  private listener: (event: VenueEvent) => void = () => {};
  private reported = 0;
  private decided: SizedIntent[] = [];
  constructor(private readonly exchange: CandleExchange) {}
  onEvent(listener: (event: VenueEvent) => void): void {
    this.listener = listener;
  }
  funds() {
    return this.exchange.venue.funds();
  }
  submit(order: VenueOrder): void {
    this.decided.push(order);
    this.exchange.venue.submit(order);
  }
  cancel(request: CancelRequest): void {
    this.decided.push(request);
    this.exchange.venue.cancel(request);
  }
  takeDecided(): SizedIntent[] {
    const decided = this.decided;
    this.decided = [];
    return decided;
  }
  deliver(before: number): void {
    const { history } = this.exchange;
    while (this.reported < history.length && history[this.reported]!.time < before) this.listener(history[this.reported++]!);
  }
  flush(): Promise<void> {
    return Promise.resolve();
  }
  candleClosed(): void {}
  traded(): void {}
}

let dataDir: string;
let db: SqliteDatabase;
let store: RunStore;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'live-run-'));
  db = openDatabase(dataDir);
  store = createRunStore(db);
});
afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The relay's candles: whatever closed candles the recording holds in [from, to]. */
const source = async (from: number, to: number) => candles.filter((c) => c.openTime >= from && c.openTime <= to);

function openRun(strategy: BoundStrategy, exchange: CandleExchange, start: number, runId: string): LiveRun {
  const record = store.open({ runId, strategyId: strategy.id, version: 1, symbol: 'BTCUSDT', interval: '1m', firstCandle: candles[start]!.openTime });
  return new LiveRun({ record, strategy, rules: compileRules(BTCUSDT_RULES), venue: new CandleExchangeVenue(exchange), store, candles: source, logger });
}

describe('the live runner replaying a recorded candle stream (real BTC/USDT 1m candles) over the candle venue', () => {
  const config = BacktestConfigSchema.parse({ symbol: 'BTCUSDT', interval: '1m', instrument: BTCUSDT_RULES, slippageBps: 2 });
  const cases: [string, () => BoundStrategy][] = [
    ['ema-rsi', () => strategyEntry('ema-rsi').bind({ fastPeriod: 5, slowPeriod: 13 })],
    ['donchian-atr (trailed stops, cancel + exit)', () => strategyEntry('donchian-atr').bind({})],
    ['bollinger-reversion', () => strategyEntry('bollinger-reversion').bind({})],
  ];

  for (const [name, strategy] of cases) {
    it(`gets exactly the backtest's trades, across a restart of the relay mid-stream: ${name}`, async () => {
      const start = 300;
      const restartAt = 1700;
      const exchange = new CandleExchange(config);
      let run = openRun(strategy(), exchange, start, `replay-${name}`);
      await run.resume(candles[start - 1]!.openTime);
      for (let i = start; i < candles.length; i++) {
        if (i === restartAt) {
          // The relay stops and starts again: a new run over the same store and the same exchange.
          run.halt();
          run = openRun(strategy(), exchange, start, `replay-${name}`);
          await run.resume(candles[i - 1]!.openTime);
        }
        const { openTime, open, high, low } = candles[i]!;
        exchange.venue.match(i, openTime, open, high, low);
        run.onKline(candles[i]!, true);
        await run.settled();
      }

      const backtest = runBacktest(cols, strategy(), config, { start }, `replay-${name}`);
      expect(backtest.trades.length).toBeGreaterThan(3);
      expect(run.trades()).toEqual(backtest.trades);
      expect(run.runner.rejections).toEqual(backtest.rejections);
      expect(store.get(`replay-${name}`)?.lastCandle).toBe(candles.at(-1)!.openTime);
    });
  }
});

/** Records every candle the strategy is stepped on (warm-up, replay or act). */
function recorder(seen: number[]): BoundStrategy {
  return {
    id: 'recorder',
    version: '1',
    params: {},
    warmupBars: 3,
    indicators: [],
    init: () => null,
    step(state, candle) {
      seen.push(candle.openTime);
      return { state, intents: NO_INTENTS };
    },
  };
}

describe('a live run acts on each closed candle once, in order', () => {
  it('fetches the candles a dropped stream missed and acts on them in order, and ignores pushes it already acted on', async () => {
    const seen: number[] = [];
    const exchange = new CandleExchange(BacktestConfigSchema.parse({ symbol: 'BTCUSDT', interval: '1m', instrument: BTCUSDT_RULES }));
    const run = openRun(recorder(seen), exchange, 10, 'drop');
    await run.resume(candles[9]!.openTime);
    expect(seen).toEqual([7, 8, 9].map((i) => candles[i]!.openTime));
    for (const i of [10, 11, 15, 15, 12, 16, 20]) run.onKline(candles[i]!, true);
    // A forming candle is never acted on.
    run.onKline(candles[21]!, false);
    await run.settled();
    expect(seen).toEqual(Array.from({ length: 14 }, (_, k) => candles[7 + k]!.openTime));
    expect(store.get('drop')?.lastCandle).toBe(candles[20]!.openTime);
  });

  it('after a restart, replays its warm-up and every candle it acted on without acting again, then acts on those that closed meanwhile', async () => {
    const before: number[] = [];
    const exchange = new CandleExchange(BacktestConfigSchema.parse({ symbol: 'BTCUSDT', interval: '1m', instrument: BTCUSDT_RULES }));
    const first = openRun(recorder(before), exchange, 10, 'restart');
    await first.resume(candles[9]!.openTime);
    for (const i of [10, 11, 12]) first.onKline(candles[i]!, true);
    await first.settled();
    first.halt();

    const after: number[] = [];
    const second = openRun(recorder(after), exchange, 10, 'restart');
    await second.resume(candles[15]!.openTime);
    expect(after).toEqual(Array.from({ length: 9 }, (_, k) => candles[7 + k]!.openTime));
    expect(store.get('restart')?.lastCandle).toBe(candles[15]!.openTime);
  });
});
