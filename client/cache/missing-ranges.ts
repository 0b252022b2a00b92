import { candleOpenTime, INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import type { TimeRange } from './time-range.ts';

/** Sorts and merges overlapping or adjacent (next candle) ranges into the minimal list. */
export function mergeRanges(ranges: readonly TimeRange[], interval: Interval): TimeRange[] {
  const step = INTERVAL_MS[interval];
  const sorted = ranges.filter((r) => r.from <= r.to).sort((a, b) => a.from - b.from);
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + step) {
      last.to = Math.max(last.to, range.to);
    } else {
      merged.push({ ...range });
    }
  }
  return merged;
}

/**
 * Only closed candles count as cached: the candle still forming at `now` (and anything after it)
 * is never covered, so it is always refetched.
 */
export function closedPart(range: TimeRange, interval: Interval, now: number): TimeRange | null {
  const lastClosed = candleOpenTime(now, interval) - INTERVAL_MS[interval];
  const to = Math.min(range.to, lastClosed);
  return to >= range.from ? { from: range.from, to } : null;
}

/**
 * Sub-ranges of [from, to] that must be fetched given what is cached. `from`/`to` are any ms
 * timestamps; they are aligned to the open times of the candles that contain them.
 */
export function missingRanges(
  covered: readonly TimeRange[],
  from: number,
  to: number,
  interval: Interval,
  now: number,
): TimeRange[] {
  if (to < from) throw new RangeError(`range end ${to} is before its start ${from}`);
  const step = INTERVAL_MS[interval];
  const start = candleOpenTime(from, interval);
  const end = candleOpenTime(to, interval);
  const usable = mergeRanges(
    covered.map((r) => closedPart(r, interval, now)).filter((r): r is TimeRange => r !== null),
    interval,
  );

  const missing: TimeRange[] = [];
  let cursor = start;
  for (const range of usable) {
    if (range.to < cursor) continue;
    if (range.from > end) break;
    if (range.from > cursor) missing.push({ from: cursor, to: range.from - step });
    cursor = range.to + step;
    if (cursor > end) return missing;
  }
  if (cursor <= end) missing.push({ from: cursor, to: end });
  return missing;
}
