import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { StrategyRunner } from './runner.ts';
import { FillSchema, SizedIntentSchema, type CancelRequest, type SizedIntent, type Trade, type VenueEvent, type VenueOrder } from './schemas.ts';
import type { Venue, VenueFunds } from './venue.ts';
import { CandleVenue } from '../backtest/candle-venue.ts';
import type { CandleColumns } from '../backtest/candle-columns.ts';
import { runBacktest } from '../backtest/engine.ts';
import type { BacktestConfig } from '../backtest/schemas.ts';
import { BTC_CONFIG, btcColumns } from '../backtest/test-dataset.ts';
import type { OhlcvCandle } from '../market/schemas.ts';
import { compileRules } from '../strategy/order-rules.ts';
import { strategyEntry } from '../strategy/registry.ts';
import type { BoundStrategy } from '../strategy/strategy.ts';
import { everyIntentKind, limitRoundTrips } from './test-strategies.ts';

/**
 * The second venue: the same candle fill model, but behind a wire, the way a live exchange sits
 * behind the network. Every request, every match and every report crosses it on a later turn of
 * the event loop: `submit` and `cancel` resolve only once the exchange side has taken them, fills
 * and rejections arrive as events after the fact, and the funds the runner sizes with are the
 * last wallet snapshot that came back, not the exchange's live state.
 */
class WiredCandleVenue implements Venue {
  private readonly exchange: CandleVenue;
  private listener: (event: VenueEvent) => void = () => {};
  private wallet: VenueFunds;
  private wire: Promise<void> = Promise.resolve();

  constructor(config: BacktestConfig) {
    this.exchange = new CandleVenue(config, compileRules(config.instrument));
    this.wallet = { ...this.exchange.funds() };
    this.exchange.onEvent((event) => void this.send(() => this.listener(event)));
  }

  onEvent(listener: (event: VenueEvent) => void): void {
    this.listener = listener;
  }

  funds(): VenueFunds {
    return this.wallet;
  }

  submit(order: VenueOrder): Promise<void> {
    return this.onExchange(() => this.exchange.submit(order));
  }

  cancel(request: CancelRequest): Promise<void> {
    return this.onExchange(() => this.exchange.cancel(request));
  }

  /** Market data reaches the exchange: it matches the candle and reports what filled. */
  trade(i: number, candle: OhlcvCandle): void {
    const { openTime, open, high, low } = candle;
    void this.onExchange(() => this.exchange.match(i, openTime, open, high, low));
  }

  /** Resolves once nothing is left on the wire (each job may put more on it). */
  async settled(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.wire;
      await seen;
    } while (seen !== this.wire);
  }

  /** Runs `job` on the exchange side; the wallet it leaves behind travels back on the wire after its events. */
  private onExchange(job: () => void): Promise<void> {
    return this.send(() => {
      job();
      const snapshot = { ...this.exchange.funds() };
      void this.send(() => {
        this.wallet = snapshot;
      });
    });
  }

  private send(job: () => void): Promise<void> {
    this.wire = this.wire.then(() => nextTurn()).then(job);
    return this.wire;
  }
}

/** Passes everything through to `venue`, keeping a copy of every intent handed to it and every event it reports. */
function recorded(venue: Venue, handed: SizedIntent[], events: VenueEvent[]): Venue {
  return {
    funds: () => venue.funds(),
    submit: (order) => {
      handed.push(order);
      return venue.submit(order);
    },
    cancel: (request) => {
      handed.push(request);
      return venue.cancel(request);
    },
    onEvent: (listener) =>
      venue.onEvent((event) => {
        events.push(event);
        listener(event);
      }),
  };
}

function candleAt(cols: CandleColumns, i: number): OhlcvCandle {
  return { openTime: cols.openTime[i]!, open: cols.open[i]!, high: cols.high[i]!, low: cols.low[i]!, close: cols.close[i]!, volume: cols.volume[i]! };
}

interface RunOutcome {
  trades: Trade[];
  rejections: { time: number; reason: string; message: string }[];
  feesPaid: number;
  events: VenueEvent[];
  handed: SizedIntent[];
}

function outcome(runner: StrategyRunner, events: VenueEvent[], handed: SizedIntent[], lastClose: number): RunOutcome {
  const open = runner.book.openTradeMarked(lastClose);
  return { trades: open ? [...runner.book.trades, open] : runner.book.trades, rejections: runner.rejections, feesPaid: runner.book.feesPaid, events, handed };
}

/**
 * The runner over the candle venue driven synchronously, as runBacktest does (`direct`), or over
 * the wired venue, where each candle closes only once the wire has delivered everything before it.
 */
async function run(drive: 'direct' | 'wired', cols: CandleColumns, strategy: BoundStrategy, config: BacktestConfig, start: number): Promise<RunOutcome> {
  const rules = compileRules(config.instrument);
  const direct = new CandleVenue(config, rules);
  const wired = new WiredCandleVenue(config);
  const events: VenueEvent[] = [];
  const handed: SizedIntent[] = [];
  const runner = new StrategyRunner({ strategy, runId: 'parity-run', rules, venue: recorded(drive === 'direct' ? direct : wired, handed, events) });
  for (let i = Math.max(0, start - strategy.warmupBars); i < cols.length; i++) {
    const candle = candleAt(cols, i);
    if (i < start) runner.warmUp(candle);
    else if (drive === 'direct') {
      direct.match(i, candle.openTime, candle.open, candle.high, candle.low);
      runner.onClosedCandle(candle);
    } else {
      wired.trade(i, candle);
      await wired.settled();
      runner.onClosedCandle(candle);
    }
  }
  await wired.settled();
  return outcome(runner, events, handed, cols.close[cols.length - 1]!);
}

describe('one kernel, two venues: the candle venue driven synchronously and the same fill model behind an asynchronous wire', () => {
  const cols = btcColumns(4000);
  const cases: [string, BoundStrategy, Partial<BacktestConfig>, number][] = [
    ['ema-rsi', strategyEntry('ema-rsi').bind({ fastPeriod: 5, slowPeriod: 13 }), {}, 0],
    ['bollinger-reversion', strategyEntry('bollinger-reversion').bind({}), { slippageBps: 5 }, 0],
    ['donchian-atr (stops trailed every candle, cancel + exit)', strategyEntry('donchian-atr').bind({}), { slippageBps: 2 }, 300],
    ['every intent kind, seed 1', everyIntentKind(1), { makerFee: 0.0002 }, 0],
    ['every intent kind, seed 2', everyIntentKind(2), { slippageBps: 3, initialQuote: 500 }, 50],
    ['limit round trips', limitRoundTrips(), { slippageBps: 2 }, 0],
  ];

  for (const [name, strategy, overrides, start] of cases) {
    it(`books the same trades: ${name}`, async () => {
      const config = { ...BTC_CONFIG, ...overrides };
      const direct = await run('direct', cols, strategy, config, start);
      const wired = await run('wired', cols, strategy, config, start);

      expect(direct.events.filter((e) => e.type === 'fill').length).toBeGreaterThan(20);
      expect(wired.trades).toEqual(direct.trades);
      expect(wired.rejections).toEqual(direct.rejections);
      expect(wired.feesPaid).toBe(direct.feesPaid);
      expect(wired.events).toEqual(direct.events);
      expect(wired.handed).toEqual(direct.handed);
      // The direct drive is the backtest itself.
      expect(runBacktest(cols, strategy, config, { start }, 'parity-run').trades).toEqual(direct.trades);
    });
  }

  it('keys every order and fill so a replay of the run derives the same keys', async () => {
    const config = { ...BTC_CONFIG, makerFee: 0.0002 };
    const first = await run('direct', cols, everyIntentKind(1), config, 0);
    const replay = await run('direct', cols, everyIntentKind(1), config, 0);
    expect(replay.handed.map((h) => h.key)).toEqual(first.handed.map((h) => h.key));
    for (const intent of first.handed) expect(SizedIntentSchema.parse(intent)).toEqual(intent);
    const keys = new Set(first.handed.map((h) => h.key));
    expect(keys.size).toBe(first.handed.length);
    const fills = first.events.filter((e) => e.type === 'fill');
    expect(fills.length).toBeGreaterThan(20);
    for (const fill of fills) {
      expect(FillSchema.parse(fill)).toEqual(fill);
      expect(keys.has(fill.key), fill.key).toBe(true);
    }
    expect(new Set(fills.map((f) => f.liquidity))).toEqual(new Set(['maker', 'taker']));
  });
});

describe('a venue whose submit fails', () => {
  it('has the failure recorded as a rejection of that order', async () => {
    const config = BTC_CONFIG;
    const rules = compileRules(config.instrument);
    const candleVenue = new CandleVenue(config, rules);
    const failing: Venue = {
      funds: () => candleVenue.funds(),
      submit: () => Promise.reject(new Error('HTTP 503 from the exchange')),
      cancel: (request) => candleVenue.cancel(request),
      onEvent: (listener) => candleVenue.onEvent(listener),
    };
    const buyNow: BoundStrategy = { ...everyIntentKind(0), warmupBars: 0, step: (state) => ({ state, intents: [{ type: 'market', side: 'buy', fraction: 1 }] }) };
    const handed: SizedIntent[] = [];
    const runner = new StrategyRunner({ strategy: buyNow, runId: 'r', rules, venue: recorded(failing, handed, []) });
    runner.onClosedCandle(candleAt(btcColumns(1), 0));
    await nextTurn();
    expect(handed).toHaveLength(1);
    expect(runner.rejections).toEqual([{ time: handed[0]!.time, reason: 'venue-error', message: `market ${handed[0]!.key}: HTTP 503 from the exchange` }]);
    expect(runner.book.trades).toEqual([]);
  });
});
