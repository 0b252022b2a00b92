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
  /** `candles` must already be ascending and aligned to this interval; the series takes ownership. */
  constructor(
    readonly interval: BybitInterval,
    readonly candles: Bar[] = [],
  ) {}

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

  /** Applies one trade; returns the candles that closed before it. */
  applyTrade(ts: number, price: number, qty: number): Bar[] {
    const closed = this.rollTo(ts);
    const last = this.last();
    if (!last) throw new Error(`series ${this.interval} has no candle to trade into`);
    last.high = Math.max(last.high, price);
    last.low = Math.min(last.low, price);
    last.close = price;
    last.volume += qty;
    last.turnover += price * qty;
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
