import type { CandleSeries } from './candle-series.ts';
import { DAY_MS } from './kline-intervals.ts';

/** Rolling 24h figures Bybit puts on a ticker, computed from the 1m candles. */
export interface TickerStats {
  lastPrice: number;
  prevPrice24h: number;
  /** Fraction, not percent (0.0068 means +0.68 %), as Bybit sends it. */
  price24hPcnt: number;
  highPrice24h: number;
  lowPrice24h: number;
  volume24h: number;
  turnover24h: number;
}

export function tickerStats(minutes: CandleSeries, now: number): TickerStats {
  const candles = minutes.candles;
  const last = candles[candles.length - 1];
  if (!last) throw new Error('ticker needs at least one 1m candle');
  const from = Math.min(minutes.firstIndexAtOrAfter(now - DAY_MS), candles.length - 1);
  const prevPrice24h = candles[from]!.open;
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  let turnover = 0;
  for (let i = from; i < candles.length; i++) {
    const c = candles[i]!;
    if (c.high > high) high = c.high;
    if (c.low < low) low = c.low;
    volume += c.volume;
    turnover += c.turnover;
  }
  return {
    lastPrice: last.close,
    prevPrice24h,
    price24hPcnt: prevPrice24h === 0 ? 0 : (last.close - prevPrice24h) / prevPrice24h,
    highPrice24h: high,
    lowPrice24h: low,
    volume24h: volume,
    turnover24h: turnover,
  };
}
