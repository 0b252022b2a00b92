import type { OhlcvCandle } from '../shared/market/index.ts';

const MINUTE = 60_000;

/**
 * Repeats a real 1m series end to end until `count` candles: each copy is shifted in time and
 * scaled so its first open equals the previous copy's last close, so benchmarks get a long
 * price-continuous history from one real month.
 */
export function stitchCandles(source: readonly OhlcvCandle[], count: number): OhlcvCandle[] {
  const out: OhlcvCandle[] = [];
  let scale = 1;
  let shift = 0;
  while (out.length < count) {
    for (const c of source) {
      if (out.length === count) break;
      out.push({ openTime: c.openTime + shift, open: c.open * scale, high: c.high * scale, low: c.low * scale, close: c.close * scale, volume: c.volume });
    }
    scale = out.at(-1)!.close / source[0]!.open;
    shift = out.at(-1)!.openTime + MINUTE - source[0]!.openTime;
  }
  return out;
}
