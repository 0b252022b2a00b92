import type { InstrumentSpec } from '../history/instrument-spec.ts';
import type { SymbolHistory } from '../history/build-history.ts';
import { CandleSeries } from './candle-series.ts';
import { roundToStep } from './decimal-text.ts';
import { AGGREGATED_FROM, MINUTE_MS, type BybitInterval } from './kline-intervals.ts';
import { tickerStats, type TickerStats } from './ticker-stats.ts';
import { planMinute, type MinutePlan, type WalkParameters } from './walk-minute.ts';

/** Bybit spot's recent-trade answers at most 60 rows. */
export const RECENT_TRADES = 60;

/** One walk trade, as the matching engine sees the market trade through resting orders. */
export interface WalkTrade {
  price: number;
  qty: number;
  time: number;
}

export interface BookTop {
  bid1Price: number;
  bid1Size: number;
  ask1Price: number;
  ask1Size: number;
}

/**
 * One symbol's market: candles for every Bybit interval (history aggregated from 1m) continued by
 * a seeded random walk that trades once every `tickMs` of simulated time. Each walk minute is a
 * function of (seed, symbol, minute, previous close) only (see `planMinute`), so two stand-ins
 * agree on every candle whenever they were started and however their timers fired.
 */
export class SymbolMarket {
  readonly spec: InstrumentSpec;
  private readonly series = new Map<BybitInterval, CandleSeries>();
  private readonly walk: WalkParameters;
  /** The walk minute in progress and how many of its trades have been played. */
  private minute: MinutePlan;
  private played = 0;
  private book: BookTop;
  /** Counts trades; Bybit's `cs` (cross sequence) on ticker pushes. */
  sequence: number;
  private cachedTicker: { sequence: number; minute: number; stats: TickerStats } | null = null;
  /** The newest walk trades, oldest first: a tape attached after start begins full, as Bybit's does. */
  private readonly lastTrades: WalkTrade[] = [];
  /** Told of every walk trade as it is played (the stand-in's matching listens here). */
  onTrade: ((trade: WalkTrade) => void) | null = null;

  constructor(history: SymbolHistory, seed: number, private readonly tickMs: number) {
    this.spec = history.spec;
    // The 1m series adopts the history's bars; coarser ones are aggregated when first asked for.
    this.series.set('1', new CandleSeries('1', history.minutes));
    this.walk = {
      seed,
      symbol: this.spec.symbol,
      tickSize: this.spec.tickSize,
      basePrecision: this.spec.basePrecision,
      tickMs,
      sigmaPerMinute: history.sigmaPerMinute,
      qtyPerTick: (history.volumePerMinute * tickMs) / MINUTE_MS,
    };
    this.minute = planMinute(this.walk, history.end, this.lastPrice());
    this.sequence = 0;
    this.book = this.bookAround(this.lastPrice());
  }

  get symbol(): string {
    return this.spec.symbol;
  }

  /**
   * Candles of one interval. A coarser series is built on first use from the next finer one,
   * forming candle included, and from then on follows it after every trade (`follow`), so it
   * equals what eager aggregation would have produced.
   */
  candles(interval: BybitInterval): CandleSeries {
    let s = this.series.get(interval);
    if (!s) {
      if (interval === '1') throw new Error(`no 1m series for ${this.symbol}`);
      s = new CandleSeries(interval);
      s.follow(this.candles(AGGREGATED_FROM[interval]));
      this.series.set(interval, s);
    }
    return s;
  }

  lastPrice(): number {
    return this.candles('1').last()?.close ?? 0;
  }

  bookTop(): BookTop {
    return this.book;
  }

  /** Plays every walk trade due up to `now` and opens the candles `now` falls into. */
  advance(now: number): void {
    const minutes = this.minutes();
    for (;;) {
      const plan = this.minute;
      const end = plan.start + MINUTE_MS;
      // The last whole minute is played trade by trade, so the recent trades are there from the start.
      if (this.played === 0 && end + MINUTE_MS <= now) {
        // A whole minute behind (catching up from the history's end): its closed candle at once.
        minutes.setForming(plan.closed);
        this.sequence += plan.trades;
        this.played = plan.trades;
        // Resting orders still see the minute's range: it traded at its high and its low.
        const last = plan.start + MINUTE_MS - 1;
        this.emit({ price: plan.closed.high, qty: plan.tradeQty, time: last });
        this.emit({ price: plan.closed.low, qty: plan.tradeQty, time: last });
      }
      while (this.played < plan.trades && plan.start + this.played * this.tickMs <= now) {
        minutes.rollTo(plan.start);
        minutes.setForming(plan.candleAfter(this.played, minutes.last()!));
        this.emit({ price: plan.priceAt(this.played), qty: plan.tradeQty, time: plan.start + this.played * this.tickMs });
        this.played += 1;
        this.sequence += 1;
      }
      if (this.played < plan.trades || end > now) break;
      this.minute = planMinute(this.walk, end, this.lastPrice());
      this.played = 0;
    }
    this.book = this.bookAround(this.lastPrice());
    minutes.rollTo(now);
    // Insertion order puts every source before the series aggregated from it.
    for (const [interval, s] of this.series) if (interval !== '1') s.follow(this.candles(AGGREGATED_FROM[interval]));
  }

  /** The newest walk trades played so far, oldest first (at most RECENT_TRADES). */
  recentTrades(): readonly WalkTrade[] {
    return this.lastTrades;
  }

  private emit(trade: WalkTrade): void {
    this.lastTrades.push(trade);
    if (this.lastTrades.length > RECENT_TRADES) this.lastTrades.shift();
    this.onTrade?.(trade);
  }

  private minutes(): CandleSeries {
    return this.candles('1');
  }

  ticker(now: number): TickerStats {
    const minute = Math.floor(now / MINUTE_MS);
    const cached = this.cachedTicker;
    if (cached && cached.sequence === this.sequence && cached.minute === minute) return cached.stats;
    const stats = tickerStats(this.candles('1'), now);
    this.cachedTicker = { sequence: this.sequence, minute, stats };
    return stats;
  }

  private bookAround(price: number): BookTop {
    const tick = Number(this.spec.tickSize);
    return {
      bid1Price: Math.max(tick, roundToStep(price - tick, this.spec.tickSize)),
      bid1Size: this.minute.bidSize,
      ask1Price: roundToStep(price + tick, this.spec.tickSize),
      ask1Size: this.minute.askSize,
    };
  }
}
