import type { Candle } from '../../shared/market/index.ts';

/** One page request: candles with openTime in [start, end], at most `limit` of them. */
export type FetchCandlePage = (start: number, end: number, limit: number) => Promise<Candle[]>;

export interface PagingRequest {
  from: number;
  to: number;
  intervalMs: number;
  /** The exchange's per-request row limit (Bybit: 1000). */
  pageLimit: number;
}

/**
 * Splits [from, to] into windows that each hold at most `pageLimit` candle open times, so every
 * page is complete whichever end of an over-full window the exchange would favour. Pages run in
 * order; the result is deduplicated by openTime, clipped to the range and ascending.
 */
export function pageWindows({ from, to, intervalMs, pageLimit }: PagingRequest): Array<[number, number]> {
  if (!(intervalMs > 0) || !(pageLimit > 0)) {
    throw new RangeError(`paging needs a positive interval and page limit, got ${intervalMs} and ${pageLimit}`);
  }
  const windows: Array<[number, number]> = [];
  const span = (pageLimit - 1) * intervalMs;
  for (let start = from; start <= to; start += span + intervalMs) {
    windows.push([start, Math.min(to, start + span)]);
  }
  return windows;
}

export async function fetchCandlesPaged(request: PagingRequest, fetchPage: FetchCandlePage): Promise<Candle[]> {
  const byOpenTime = new Map<number, Candle>();
  for (const [start, end] of pageWindows(request)) {
    for (const candle of await fetchPage(start, end, request.pageLimit)) {
      if (candle.openTime >= request.from && candle.openTime <= request.to) byOpenTime.set(candle.openTime, candle);
    }
  }
  return [...byOpenTime.values()].sort((a, b) => a.openTime - b.openTime);
}
