import type { Logger } from 'pino';
import { columnsFromCandles } from '../../shared/backtest/candle-columns.ts';
import { runBacktest } from '../../shared/backtest/engine.ts';
import { BacktestConfigSchema } from '../../shared/backtest/schemas.ts';
import { candleOpenTime, INTERVAL_MS } from '../../shared/market/interval.ts';
import type { MarketSymbol, OhlcvCandle } from '../../shared/market/index.ts';
import type { ParityResponse, RunnerStatus } from '../../shared/runner/schemas.ts';
import { compileRules, InstrumentRulesSchema } from '../../shared/strategy/order-rules.ts';
import { strategyEntry } from '../../shared/strategy/registry.ts';
import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';
import type { ExecutionService, StrategyHalt } from '../execution/execution-service.ts';
import type { OrderStore } from '../execution/order-store.ts';
import type { UpstreamFeed } from '../market/upstream-ownership.ts';
import type { ActiveVersionsSource } from './active-versions-source.ts';
import { ExecutionVenue } from './execution-venue.ts';
import { LiveRun } from './live-run.ts';
import { diffTrades } from './parity.ts';
import { runIdOf } from './run-id.ts';
import type { RunStore } from './run-store.ts';

export interface StrategyRunnersOptions {
  versions: ActiveVersionsSource;
  /** The runner's own hold on the upstream stream (gateway.openFeed()); released on close. */
  feed: UpstreamFeed;
  /** The relay's market data (MarketService): instruments, and closed candles paged from the exchange. */
  market: {
    listSymbols(): Promise<MarketSymbol[]>;
    getCandles(symbol: string, interval: StrategyVersion['market']['interval'], from: number, to: number): Promise<OhlcvCandle[]>;
  };
  execution: Pick<ExecutionService, 'place' | 'cancel' | 'holdsStops'>;
  orders: Pick<OrderStore, 'getByKey' | 'fills'>;
  store: RunStore;
  /** Quote each run may spend (its account, as a backtest's initial balance). */
  capital: number;
  /** The venue's fee rates, for the parity backtest. */
  fees: { maker: number; taker: number };
  logger: Logger;
  now?: () => number;
}

export class UnknownRunError extends Error {
  override name = 'UnknownRunError';
}

interface Running {
  version: StrategyVersion;
  run: LiveRun;
  venue: ExecutionVenue;
}

/**
 * Runs the active version of every strategy on the closed candles of its market: one LiveRun per
 * active version, started when it becomes active (or at relay start) and stopped when another
 * version replaces it. It is the kill switch's StrategyHalt: a halt stops every run at once.
 */
export class StrategyRunners implements StrategyHalt {
  private readonly running = new Map<string, Running>();
  private readonly now: () => number;
  private syncing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: StrategyRunnersOptions) {
    this.now = options.now ?? Date.now;
    options.feed.onEvent((event) => {
      if (event.type !== 'kline') return;
      for (const { version, run } of this.running.values()) {
        if (version.market.symbol === event.symbol && version.market.interval === event.interval) run.onKline(event.candle, event.closed);
      }
    });
  }

  /** Starts the active versions and follows every change of them. */
  start(): Promise<void> {
    this.options.versions.onChange(() => void this.sync());
    return this.sync();
  }

  /** Resolves once every run has acted on the candles that reached it so far. */
  async settled(): Promise<void> {
    await this.syncing;
    await Promise.all([...this.running.values()].map(({ run }) => run.settled()));
  }

  haltAll(): string[] {
    const halted: string[] = [];
    for (const { run } of this.running.values()) {
      if (run.isHalted) continue;
      run.halt();
      this.options.store.markHalted(run.runId);
      run.record.haltedAt = this.options.store.get(run.runId)?.haltedAt ?? null;
      halted.push(run.runId);
    }
    if (halted.length > 0) this.options.logger.warn({ runIds: halted }, 'kill switch: strategy runs halted');
    return halted;
  }

  status(strategyId: string): RunnerStatus {
    const entry = this.running.get(strategyId);
    if (entry === undefined) throw new UnknownRunError(`strategy ${strategyId} has no running version`);
    const { version, run, venue } = entry;
    return {
      strategyId,
      version: version.version,
      runId: run.runId,
      symbol: version.market.symbol,
      interval: version.market.interval,
      state: run.isHalted ? 'halted' : 'running',
      haltedAt: run.record.haltedAt,
      startedAt: run.record.startedAt,
      firstCandle: run.record.firstCandle,
      lastCandle: run.record.lastCandle,
      ordersPlaced: venue.placed,
      rejectedCount: run.runner.rejectedCount,
      trades: run.trades().length,
      lastError: run.lastError,
    };
  }

  /**
   * The backtest of the running version on the candles the run saw (its warm-up, then from its
   * first candle to the last it acted on), trade by trade against what the run did.
   */
  async parity(strategyId: string): Promise<ParityResponse> {
    const runner = this.status(strategyId);
    const { version, run } = this.running.get(strategyId)!;
    const assumptions = { initialQuote: this.options.capital, makerFee: this.options.fees.maker, takerFee: this.options.fees.taker, slippageBps: 0 };
    const { lastCandle, firstCandle, interval, symbol } = run.record;
    if (lastCandle === null) return { runner, from: null, to: null, assumptions, rows: [], summary: { matched: 0, missing: 0, extra: 0 } };
    const entry = strategyEntry(version.strategyId);
    const strategy = entry.bind(version.params);
    const intervalMs = INTERVAL_MS[interval];
    const candles = await this.options.market.getCandles(symbol, interval, firstCandle - strategy.warmupBars * intervalMs, lastCandle);
    const cols = columnsFromCandles(candles);
    const start = candles.findIndex((c) => c.openTime >= firstCandle);
    const instrument = await this.instrument(symbol);
    const config = BacktestConfigSchema.parse({ symbol, interval, instrument: InstrumentRulesSchema.parse(instrument), ...assumptions, recordSeries: false });
    const backtest = runBacktest(cols, strategy, config, { start: start < 0 ? candles.length : start }, run.runId);
    // A live fill after the last candle acted on has no candle in the backtest yet: it is compared next time.
    const live = run.trades().filter((t) => candleOpenTime(t.entryTime, interval) <= lastCandle);
    const rows = diffTrades(backtest.trades, live, interval);
    const count = (status: string) => rows.filter((row) => row.status === status).length;
    return { runner, from: firstCandle, to: lastCandle, assumptions, rows, summary: { matched: count('matched'), missing: count('missing'), extra: count('extra') } };
  }

  close(): void {
    this.closed = true;
    for (const { run } of this.running.values()) run.halt();
    this.running.clear();
    this.options.feed.release();
  }

  private sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.reconcile()).catch((error: unknown) => this.options.logger.error({ err: error }, 'could not start the active strategy versions'));
    return this.syncing;
  }

  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const active = new Map((await this.options.versions.allActive()).map((v) => [v.strategyId, v]));
    for (const [strategyId, { run, version }] of this.running) {
      const next = active.get(strategyId);
      if (next !== undefined && runIdOf(next) === run.runId) continue;
      run.halt();
      this.running.delete(strategyId);
      this.unsubscribe(version);
      this.options.logger.info({ runId: run.runId }, 'strategy run stopped: its version is no longer active');
    }
    for (const version of active.values()) {
      if (!this.running.has(version.strategyId)) await this.begin(version);
    }
  }

  private async begin(version: StrategyVersion): Promise<void> {
    const { symbol, interval } = version.market;
    const runId = runIdOf(version);
    const logger = this.options.logger.child({ runId });
    const instrument = await this.instrument(symbol);
    const rules = compileRules(InstrumentRulesSchema.parse(instrument));
    const strategy = strategyEntry(version.strategyId).bind(version.params);
    const intervalMs = INTERVAL_MS[interval];
    const latestClosed = candleOpenTime(this.now(), interval) - intervalMs;
    const record = this.options.store.open({ runId, strategyId: version.strategyId, version: version.version, symbol, interval, firstCandle: latestClosed + intervalMs });
    const venue = new ExecutionVenue({
      runId,
      strategyId: version.strategyId,
      instrument,
      rules,
      interval,
      capital: this.options.capital,
      execution: this.options.execution,
      orders: this.options.orders,
      store: this.options.store,
      logger,
    });
    const run = new LiveRun({
      record,
      strategy,
      rules,
      venue,
      store: this.options.store,
      candles: async (from, to) => (await this.options.market.getCandles(symbol, interval, from, to)).filter((c) => c.openTime >= from && c.openTime <= to),
      logger,
    });
    venue.restore();
    this.running.set(version.strategyId, { version, run, venue });
    // Subscribed before the replay, so no candle closing meanwhile is lost; the run queues it behind the replay.
    this.options.feed.subscribe([{ kind: 'kline', symbol, interval }]);
    logger.info({ strategyId: version.strategyId, version: version.version, symbol, interval, halted: run.isHalted }, 'strategy run started');
    await run.resume(latestClosed);
  }

  private unsubscribe(version: StrategyVersion): void {
    const { symbol, interval } = version.market;
    const stillUsed = [...this.running.values()].some((r) => r.version.market.symbol === symbol && r.version.market.interval === interval);
    if (!stillUsed) this.options.feed.unsubscribe([{ kind: 'kline', symbol, interval }]);
  }

  private async instrument(symbol: string): Promise<MarketSymbol> {
    const found = (await this.options.market.listSymbols()).find((s) => s.symbol === symbol);
    if (found === undefined) throw new Error(`the exchange does not list ${symbol}`);
    return found;
  }
}
