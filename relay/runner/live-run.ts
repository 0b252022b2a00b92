import type { Logger } from 'pino';
import { StrategyRunner, type SizedIntent, type Trade, type Venue } from '../../shared/kernel/index.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/interval.ts';
import type { OhlcvCandle } from '../../shared/market/index.ts';
import type { CompiledRules } from '../../shared/strategy/order-rules.ts';
import type { BoundStrategy } from '../../shared/strategy/strategy.ts';
import type { RunRecord, RunStore } from './run-store.ts';

/** A kernel venue a live run can drive: it reports what happened up to a time, and sends what a candle decided. */
export interface LiveVenue extends Venue {
  /** Reports to the runner, in time order, every fill and rejection that happened before `time`. */
  deliver(before: number): void;
  /** Resolves once everything decided so far has been handed to the venue. */
  flush(): Promise<void>;
  /** The intents handed to it since the last call, for the run's record. */
  takeDecided(): SizedIntent[];
  /** A candle closed (resting orders count their time to live in candles). */
  candleClosed(): void;
  /** The market traded as low as `low` (a forming candle), for the stops a venue keeps itself. */
  traded(low: number, time: number): void;
}

/** Closed candles with openTime in [from, to], ascending (the relay's candles, paged). */
export type CandleSource = (from: number, to: number) => Promise<OhlcvCandle[]>;

export interface LiveRunOptions {
  record: RunRecord;
  strategy: BoundStrategy;
  rules: CompiledRules;
  venue: LiveVenue;
  store: RunStore;
  candles: CandleSource;
  logger: Logger;
}

/**
 * One active version running live: the kernel's StrategyRunner fed closed candles one at a time,
 * each acted on at most once. Its intents go to the venue first (the execution service writes each
 * durably before sending it), then the mark of the candle and the intents it decided are written
 * in one transaction: a crash before the mark acts on the candle again at restart with the same
 * idempotency keys, which the execution service answers from its store; after it, the candle is
 * not acted on again. Nothing the strategy decides waits for the run's own commit. A restart replays the warm-up and every candle acted on through the
 * strategy again, with the run's own fills at the times they happened, so its state is what it
 * was; candles missed meanwhile (or while the stream was down) are fetched and acted on in order.
 */
export class LiveRun {
  readonly runner: StrategyRunner;
  readonly record: RunRecord;
  private readonly intervalMs: number;
  private chain: Promise<void> = Promise.resolve();
  private halted: boolean;
  private lastClose = NaN;
  lastError: string | null = null;

  constructor(private readonly options: LiveRunOptions) {
    this.record = { ...options.record };
    this.intervalMs = INTERVAL_MS[options.record.interval];
    this.halted = options.record.haltedAt !== null;
    this.runner = new StrategyRunner({ strategy: options.strategy, runId: options.record.runId, rules: options.rules, venue: options.venue });
  }

  get runId(): string {
    return this.record.runId;
  }

  get interval(): Interval {
    return this.record.interval;
  }

  get isHalted(): boolean {
    return this.halted;
  }

  /**
   * Replays the warm-up (and, after a restart, every candle acted on) from the relay's candles,
   * then acts on the candles that closed since, up to `latestClosed` (an open time).
   */
  resume(latestClosed: number): Promise<void> {
    return this.serially(async () => {
      const { firstCandle, lastCandle } = this.record;
      const replayTo = lastCandle ?? firstCandle - this.intervalMs;
      const from = firstCandle - this.options.strategy.warmupBars * this.intervalMs;
      if (replayTo >= from) {
        for (const candle of await this.options.candles(from, replayTo)) {
          this.options.venue.deliver(candle.openTime + this.intervalMs);
          this.runner.warmUp(candle);
          this.lastClose = candle.close;
        }
      }
      this.options.logger.info({ firstCandle, lastCandle, warmupBars: this.options.strategy.warmupBars }, 'strategy run resumed');
      await this.catchUp(latestClosed);
    });
  }

  /** A kline push of the run's market: a closed candle is acted on (after any it missed); a forming one may trigger a stop. */
  onKline(candle: OhlcvCandle, closed: boolean): void {
    if (this.halted) return;
    if (!closed) {
      this.options.venue.traded(candle.low, candle.openTime);
      return;
    }
    void this.serially(async () => {
      await this.catchUp(candle.openTime - this.intervalMs);
      await this.act(candle);
    });
  }

  halt(): void {
    this.halted = true;
  }

  /** Resolves once every candle that arrived so far is acted on. */
  settled(): Promise<void> {
    return this.chain;
  }

  /** The run's trades so far, the open one marked at the last close. */
  trades(): Trade[] {
    const { book } = this.runner;
    const open = Number.isNaN(this.lastClose) ? null : book.openTradeMarked(this.lastClose);
    return open === null ? book.trades.slice() : [...book.trades, open];
  }

  private serially(job: () => Promise<void>): Promise<void> {
    this.chain = this.chain.then(job).catch((error: unknown) => {
      this.lastError = error instanceof Error ? error.message : String(error);
      this.options.logger.error({ err: error }, 'strategy run step failed; it resumes with the next candle');
    });
    return this.chain;
  }

  private get nextToAct(): number {
    return this.record.lastCandle === null ? this.record.firstCandle : this.record.lastCandle + this.intervalMs;
  }

  /** Acts on the closed candles from the next one owed up to `upTo` (an open time), in order. */
  private async catchUp(upTo: number): Promise<void> {
    const from = this.nextToAct;
    if (upTo < from || this.halted) return;
    const missed = await this.options.candles(from, upTo);
    if (missed.length > 0) this.options.logger.info({ from, to: upTo, candles: missed.length }, 'acting on candles that closed while the run was not watching');
    for (const candle of missed) await this.act(candle);
  }

  private async act(candle: OhlcvCandle): Promise<void> {
    if (this.halted || candle.openTime < this.nextToAct) return;
    const { venue, store } = this.options;
    venue.deliver(candle.openTime + this.intervalMs);
    this.runner.onClosedCandle(candle);
    this.lastClose = candle.close;
    venue.candleClosed();
    // Sent before the candle is marked: a crash in between acts on it again at restart, with the
    // same keys, which the execution service answers from its store (never placing twice).
    await venue.flush();
    const decided = venue.takeDecided();
    store.inTransaction(() => {
      for (const intent of decided) store.recordIntent(this.record.runId, candle.openTime, intent);
      store.markProcessed(this.record.runId, candle.openTime);
    });
    this.record.lastCandle = candle.openTime;
  }
}
