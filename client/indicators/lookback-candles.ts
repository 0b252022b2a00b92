import { INTERVAL_MS, type Candle, type Interval } from '../../shared/market/index.ts';

/** Reads a candle range through the browser's candle cache (IndexedDB first, then the relay). */
export type CandleRangeLoader = (
  symbol: string,
  interval: Interval,
  from: number,
  to: number,
) => Promise<{ candles: Candle[]; fetchError: Error | null }>;

export interface Lookback {
  /** Ascending closed candles in [from, before). */
  candles: Candle[];
  /** Why older candles that may exist could not be loaded (offline, relay down), else null. */
  problem: string | null;
}

/**
 * Candles older than the chart's first one that an indicator needs to warm up and settle
 * (`lookbackStart`). Kept per market so every indicator of the chart shares one fetch, and loads
 * are queued so two indicators opening together do not fetch the same range twice.
 */
export class LookbackCandles {
  private market = '';
  /** Loaded range [from, to] of open times, or null when nothing is held. */
  private covered: { from: number; to: number } | null = null;
  private candles: Candle[] = [];
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly load: CandleRangeLoader) {}

  get(symbol: string, interval: Interval, from: number, before: number): Promise<Lookback> {
    const next = this.queue.then(() => this.fill(symbol, interval, from, before));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async fill(symbol: string, interval: Interval, from: number, before: number): Promise<Lookback> {
    const market = `${symbol}:${interval}`;
    if (market !== this.market) {
      this.market = market;
      this.covered = null;
      this.candles = [];
    }
    const step = INTERVAL_MS[interval];
    const to = before - step;
    const missing: { from: number; to: number }[] = [];
    if (!this.covered) missing.push({ from, to });
    else {
      if (from < this.covered.from) missing.push({ from, to: this.covered.from - step });
      if (to > this.covered.to) missing.push({ from: this.covered.to + step, to });
    }
    let problem: string | null = null;
    for (const range of missing) {
      if (range.from > range.to) continue;
      const { candles, fetchError } = await this.load(symbol, interval, range.from, range.to);
      this.merge(candles);
      // A failed range is not marked covered, so the next indicator or re-open tries again.
      if (fetchError) problem = fetchError.message;
      else this.covered = this.covered ? { from: Math.min(this.covered.from, range.from), to: Math.max(this.covered.to, range.to) } : range;
    }
    return { candles: this.candles.filter((c) => c.openTime >= from && c.openTime < before), problem };
  }

  private merge(incoming: readonly Candle[]): void {
    if (incoming.length === 0) return;
    const byTime = new Map(this.candles.map((c) => [c.openTime, c]));
    for (const candle of incoming) byTime.set(candle.openTime, candle);
    this.candles = [...byTime.values()].sort((a, b) => a.openTime - b.openTime);
  }
}
