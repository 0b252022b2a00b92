import type { InstrumentSpec } from '../history/instrument-spec.ts';
import type { SymbolHistory } from '../history/build-history.ts';
import { CandleSeries } from './candle-series.ts';
import { roundToStep } from './decimal-text.ts';
import { AGGREGATED_FROM, MINUTE_MS, type BybitInterval } from './kline-intervals.ts';
import { deriveSeed, seededRandom, type Random } from './seeded-random.ts';
import { tickerStats, type TickerStats } from './ticker-stats.ts';

export interface BookTop {
  bid1Price: number;
  bid1Size: number;
  ask1Price: number;
  ask1Size: number;
}

/**
 * One symbol's market: candles for every Bybit interval (history aggregated from 1m) continued by
 * a seeded random walk that trades once every `tickMs` of simulated time. Steps are a function of
 * (seed, history end, step index) only, so two stand-ins with the same seed and start time agree
 * whenever they are asked, however their timers fired.
 */
export class SymbolMarket {
  readonly spec: InstrumentSpec;
  private readonly series = new Map<BybitInterval, CandleSeries>();
  private readonly random: Random;
  private readonly sigmaPerStep: number;
  private readonly qtyPerStep: number;
  private nextStepAt: number;
  private book: BookTop;
  /** Counts trades; Bybit's `cs` (cross sequence) on ticker pushes. */
  sequence: number;
  private cachedTicker: { sequence: number; minute: number; stats: TickerStats } | null = null;

  constructor(history: SymbolHistory, seed: number, private readonly tickMs: number) {
    this.spec = history.spec;
    // The 1m series adopts the history's bars; coarser ones are aggregated when first asked for.
    const minutes = new CandleSeries('1', history.minutes);
    minutes.rollTo(history.end);
    this.series.set('1', minutes);
    this.random = seededRandom(deriveSeed(seed, `walk:${this.spec.symbol}`));
    this.sigmaPerStep = history.sigmaPerMinute * Math.sqrt(tickMs / MINUTE_MS);
    this.qtyPerStep = (history.volumePerMinute * tickMs) / MINUTE_MS;
    this.nextStepAt = history.end + tickMs;
    this.sequence = 0;
    this.book = this.bookAround(this.lastPrice());
  }

  get symbol(): string {
    return this.spec.symbol;
  }

  /**
   * Candles of one interval. A coarser series is built on first use from the next finer one,
   * forming candle included, and from then on every trade updates it too, so it equals what
   * eager aggregation would have produced.
   */
  candles(interval: BybitInterval): CandleSeries {
    let s = this.series.get(interval);
    if (!s) {
      if (interval === '1') throw new Error(`no 1m series for ${this.symbol}`);
      s = new CandleSeries(interval);
      for (const bar of this.candles(AGGREGATED_FROM[interval]).candles) s.addBar(bar);
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

  /** Plays every walk step due up to `now` and opens the candles `now` falls into. */
  advance(now: number): void {
    while (this.nextStepAt <= now) {
      this.step(this.nextStepAt);
      this.nextStepAt += this.tickMs;
    }
    for (const s of this.series.values()) s.rollTo(now);
  }

  ticker(now: number): TickerStats {
    const minute = Math.floor(now / MINUTE_MS);
    const cached = this.cachedTicker;
    if (cached && cached.sequence === this.sequence && cached.minute === minute) return cached.stats;
    const stats = tickerStats(this.candles('1'), now);
    this.cachedTicker = { sequence: this.sequence, minute, stats };
    return stats;
  }

  private step(at: number): void {
    const tick = Number(this.spec.tickSize);
    const moved = this.lastPrice() * Math.exp(this.sigmaPerStep * this.random.gaussian());
    const price = Math.max(tick, roundToStep(moved, this.spec.tickSize));
    const qty = this.lotAtLeastOne(this.qtyPerStep * this.random.exponential());
    for (const s of this.series.values()) s.applyTrade(at, price, qty);
    this.book = this.bookAround(price);
    this.sequence += 1;
  }

  private bookAround(price: number): BookTop {
    const tick = Number(this.spec.tickSize);
    return {
      bid1Price: Math.max(tick, roundToStep(price - tick, this.spec.tickSize)),
      bid1Size: this.lotAtLeastOne(this.qtyPerStep * 4 * this.random.exponential()),
      ask1Price: roundToStep(price + tick, this.spec.tickSize),
      ask1Size: this.lotAtLeastOne(this.qtyPerStep * 4 * this.random.exponential()),
    };
  }

  private lotAtLeastOne(qty: number): number {
    return Math.max(Number(this.spec.basePrecision), roundToStep(qty, this.spec.basePrecision));
  }
}
