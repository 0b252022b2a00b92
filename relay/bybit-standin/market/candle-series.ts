import { bucketStart, nextBucketStart, type BybitInterval } from './kline-intervals.ts';

/** One OHLCV bar in stand-in units (numbers); formatting to Bybit strings happens at the wire. */
export interface Bar {
  start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: number;
}

export interface KlineQuery {
  /** Inclusive lower bound on open time. */
  start?: number;
  /** Inclusive upper bound on open time. */
  end: number;
  limit: number;
}

/**
 * Candles of one interval, ascending by open time, the last one possibly still forming.
 * Fed by finer bars (history) and by trades (live), so every interval agrees with the 1m series.
 */
export class CandleSeries {
  /** For `follow`: how many of the source's bars are final and folded into `closedPart`. */
  private folded = 0;
  /** For `follow`: the last bucket's closed source bars folded together (null before any). */
  private closedPart: Bar | null = null;

  /** `candles` must already be ascending and aligned to this interval; the series takes ownership. */
  constructor(
    readonly interval: BybitInterval,
    readonly candles: Bar[] = [],
  ) {}

  /**
   * Brings this coarser series up to date with its finer `source`, where only the source's last bar
   * may still change. Each bucket is always the fold of its source bars in order (closed ones, then
   * the forming one), so a series built late from history and one kept up since the start agree
   * to the last bit of their volume and turnover sums, as two stand-ins started apart must.
   */
  follow(source: CandleSeries): void {
    const bars = source.candles;
    while (this.folded < bars.length - 1) {
      this.closedPart = this.fold(this.closedPart, bars[this.folded]!);
      this.place(this.closedPart);
      this.folded += 1;
    }
    const forming = bars[bars.length - 1];
    if (forming) this.place(this.fold(this.closedPart, forming));
  }

  private fold(part: Bar | null, bar: Bar): Bar {
    const start = bucketStart(this.interval, bar.start);
    if (part === null || part.start !== start) return { ...bar, start };
    return {
      start,
      open: part.open,
      high: Math.max(part.high, bar.high),
      low: Math.min(part.low, bar.low),
      close: bar.close,
      volume: part.volume + bar.volume,
      turnover: part.turnover + bar.turnover,
    };
  }

  private place(bar: Bar): void {
    const last = this.last();
    if (last && last.start === bar.start) this.candles[this.candles.length - 1] = bar;
    else this.candles.push(bar);
  }

  last(): Bar | undefined {
    return this.candles[this.candles.length - 1];
  }

  /** Folds a finer bar into the bucket that contains it (history aggregation). */
  addBar(bar: Bar): void {
    const start = bucketStart(this.interval, bar.start);
    const last = this.last();
    if (last && last.start === start) {
      last.high = Math.max(last.high, bar.high);
      last.low = Math.min(last.low, bar.low);
      last.close = bar.close;
      last.volume += bar.volume;
      last.turnover += bar.turnover;
      return;
    }
    this.candles.push({ start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, turnover: bar.turnover });
  }

  /**
   * Opens flat candles (open = previous close, no volume) up to the bucket containing `ts`, as an
   * exchange does for periods without trades. Returns the candles that closed on the way.
   */
  rollTo(ts: number): Bar[] {
    const closed: Bar[] = [];
    let last = this.last();
    if (!last) return closed;
    const target = bucketStart(this.interval, ts);
    while (last.start < target) {
      closed.push(last);
      const flat: Bar = {
        start: nextBucketStart(this.interval, last.start),
        open: last.close,
        high: last.close,
        low: last.close,
        close: last.close,
        volume: 0,
        turnover: 0,
      };
      this.candles.push(flat);
      last = flat;
    }
    return closed;
  }

  /**
   * Sets the forming candle to `bar` (the walk knows the whole state of its minute after each
   * trade), first opening flat candles up to it; returns the candles that closed on the way.
   */
  setForming(bar: Bar): Bar[] {
    const closed = this.rollTo(bar.start);
    const last = this.last();
    if (!last || last.start !== bar.start) throw new Error(`series ${this.interval} cannot form a candle at ${bar.start}`);
    this.candles[this.candles.length - 1] = bar;
    return closed;
  }

  /**
   * Bybit's selection, newest first: with `start`, the `limit` oldest candles from start on
   * (so `start=9999&limit=1` returns the first candle ever); without it, the `limit` newest
   * candles that open at or before `end`. Binary search keeps this O(log n + limit).
   */
  query({ start, end, limit }: KlineQuery): Bar[] {
    const endIndex = this.firstIndexAfter(end);
    let from: number;
    let to: number;
    if (start !== undefined) {
      from = this.firstIndexAtOrAfter(start);
      to = Math.min(endIndex, from + limit);
    } else {
      to = endIndex;
      from = Math.max(0, to - limit);
    }
    const rows: Bar[] = [];
    for (let i = to - 1; i >= from; i--) rows.push(this.candles[i] as Bar);
    return rows;
  }

  /** Index of the first candle with open time >= ts. */
  firstIndexAtOrAfter(ts: number): number {
    let lo = 0;
    let hi = this.candles.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.candles[mid] as Bar).start < ts) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private firstIndexAfter(ts: number): number {
    return this.firstIndexAtOrAfter(ts + 1);
  }
}
