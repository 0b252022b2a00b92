import { candleOpenTime, INTERVAL_MS, type Candle, type Interval } from '../../shared/market/index.ts';

/**
 * Candles to fetch to heal the chart: the inclusive open-time range [from, to]. `replace` means
 * the hole is longer than a history page, so the latest page replaces the history instead of a
 * huge backfill (the user scrolls back for older candles as usual).
 */
export interface HealRange {
  from: number;
  to: number;
  replace: boolean;
}

/** The newest candle the chart shows; `final` once the stream (or a REST page) proved it closed. */
export interface HeldCandle {
  openTime: number;
  final: boolean;
}

/**
 * Decides whether a streamed candle leaves a hole behind the chart's newest candle. The held
 * candle is refetched too unless it is known final: its close usually falls in the dropped time.
 */
export function liveGap(held: HeldCandle | null, incoming: Candle, interval: Interval, pageCandles: number): HealRange | null {
  if (!held || incoming.openTime <= held.openTime) return null;
  const step = INTERVAL_MS[interval];
  const from = held.final ? held.openTime + step : held.openTime;
  const to = incoming.openTime - step;
  if (to < from) return null;
  return (to - from) / step + 1 > pageCandles ? latestPage(incoming.openTime, interval, pageCandles) : { from, to, replace: false };
}

/**
 * After the stream was down, the latest page (through the forming candle at `now`) is reloaded;
 * the cache makes that one small request for what is not covered yet.
 */
export function resumeRange(held: HeldCandle | null, now: number, interval: Interval, pageCandles: number): HealRange | null {
  if (!held) return null;
  const page = latestPage(candleOpenTime(now, interval), interval, pageCandles);
  // The page does not reach the held candle: merging it would leave a hole in between.
  return held.openTime < page.from ? page : { ...page, replace: false };
}

/** One range covering both: what is still to fetch when a second gap shows while the first heals. */
export function unionHeal(a: HealRange, b: HealRange): HealRange {
  return { from: Math.min(a.from, b.from), to: Math.max(a.to, b.to), replace: a.replace || b.replace };
}

/** Open times missing between the first and the last candle (0 for a contiguous series). */
export function missingCandleCount(candles: readonly Candle[], interval: Interval): number {
  const first = candles[0];
  const last = candles[candles.length - 1];
  if (!first || !last) return 0;
  return (last.openTime - first.openTime) / INTERVAL_MS[interval] + 1 - candles.length;
}

function latestPage(lastOpenTime: number, interval: Interval, pageCandles: number): HealRange {
  return { from: lastOpenTime - (pageCandles - 1) * INTERVAL_MS[interval], to: lastOpenTime, replace: true };
}
