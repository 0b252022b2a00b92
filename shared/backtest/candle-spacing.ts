import { z } from 'zod';
import { INTERVALS, INTERVAL_MS, type Interval } from '../market/interval.ts';
import type { CandleColumns } from './candle-columns.ts';

/**
 * Checks that candle open times match the interval a run claims, before anything is computed from
 * them: Sharpe is annualised by the interval, so 1h candles run as 1m would be off by sqrt(60), and
 * second timestamps read as milliseconds put the data in January 1970. Missing candles (exchange
 * outages, holes in a download) are allowed but counted, so a report says what it was run on.
 */
export class CandleSpacingError extends Error {
  override name = 'CandleSpacingError';
}

export const CandleGapSchema = z.object({
  /** Open time of the last candle before the gap. */
  after: z.number().int(),
  /** Open time of the first candle after it. */
  before: z.number().int(),
  /** Candles of the interval missing in between. */
  missing: z.number().int().positive(),
});
export type CandleGap = z.infer<typeof CandleGapSchema>;

export const CandleGapsSchema = z.object({
  /** Places where one or more candles are missing. */
  count: z.number().int().min(0),
  /** Candles missing over all gaps. */
  missingCandles: z.number().int().min(0),
  /** The gap with the most missing candles, null without gaps. */
  largest: CandleGapSchema.nullable(),
  /** The first gaps in time order (at most GAPS_LISTED). */
  first: z.array(CandleGapSchema),
});
export type CandleGaps = z.infer<typeof CandleGapsSchema>;

export const GAPS_LISTED = 5;

/** 1e11 ms is 1973-03-03 and 1e14 ms is the year 5138: real market data lies between. */
const EARLIEST_MS = 1e11;
const LATEST_MS = 1e14;

const iso = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** A spacing in the interval names where one fits (1h), otherwise in d/h/m/s. */
export function formatSpacing(ms: number): string {
  const named = INTERVALS.find((i) => INTERVAL_MS[i] === ms);
  if (named !== undefined) return named;
  const units: [number, string][] = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'm'], [1000, 's'], [1, 'ms']];
  const [size, unit] = units.find(([size]) => ms >= size && ms % size === 0) ?? [1, 'ms'];
  return `${ms / size}${unit}`;
}

function mostCommonSpacing(openTime: Float64Array, from: number, to: number): number {
  const counts = new Map<number, number>();
  for (let i = from + 1; i < to; i++) {
    const d = openTime[i]! - openTime[i - 1]!;
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [d, n] of counts) if (n > bestCount) [best, bestCount] = [d, n];
  return best;
}

/**
 * Candles [from, to) against `interval`: refuses timestamps that are not milliseconds, data whose
 * usual spacing is not the interval, and candles off the interval's grid; returns the gaps.
 * `intervalName` is how the caller's user named the interval (e.g. "--interval"), for the message.
 */
export function checkCandleSpacing(cols: CandleColumns, interval: Interval, intervalName = 'the interval', from = 0, to = cols.length): CandleGaps {
  const gaps: CandleGaps = { count: 0, missingCandles: 0, largest: null, first: [] };
  if (to <= from) return gaps;
  const { openTime } = cols;
  const first = openTime[from]!;
  const last = openTime[to - 1]!;
  if (last < EARLIEST_MS) {
    throw new CandleSpacingError(`timestamps look like seconds, expected milliseconds (first open time ${first} reads as ${iso(first)})`);
  }
  if (first > LATEST_MS) {
    throw new CandleSpacingError(`timestamps look like microseconds, expected milliseconds (first open time ${first} reads as ${iso(first)})`);
  }
  const step = INTERVAL_MS[interval];
  let regular = 0;
  for (let i = from + 1; i < to; i++) if (openTime[i]! - openTime[i - 1]! === step) regular++;
  // Most neighbours must be one interval apart; gaps are the exception, not the rule.
  if (to - from > 1 && regular * 2 < to - from - 1) {
    throw new CandleSpacingError(`candles are ${formatSpacing(mostCommonSpacing(openTime, from, to))} apart but ${intervalName} is ${interval}`);
  }
  for (let i = from + 1; i < to; i++) {
    const d = openTime[i]! - openTime[i - 1]!;
    if (d === step) continue;
    if (d % step !== 0) {
      throw new CandleSpacingError(
        `candle ${i} (${iso(openTime[i]!)}) opens ${formatSpacing(d)} after the one before, not a whole number of ${interval} candles`,
      );
    }
    const gap = { after: openTime[i - 1]!, before: openTime[i]!, missing: d / step - 1 };
    gaps.count++;
    gaps.missingCandles += gap.missing;
    if (gaps.largest === null || gap.missing > gaps.largest.missing) gaps.largest = gap;
    if (gaps.first.length < GAPS_LISTED) gaps.first.push(gap);
  }
  return gaps;
}

/** One line for logs and stderr, e.g. "3 gaps, 47 candles missing; largest 40 after 2024-…". */
export function describeGaps(gaps: CandleGaps, interval: Interval): string {
  if (gaps.count === 0) return 'no gaps';
  const one = (g: CandleGap) => `${g.missing} x ${interval} after ${iso(g.after)}`;
  return (
    `${gaps.count} gap${gaps.count > 1 ? 's' : ''}, ${gaps.missingCandles} candle${gaps.missingCandles > 1 ? 's' : ''} missing; ` +
    `largest ${one(gaps.largest!)}; first: ${gaps.first.map(one).join(', ')}`
  );
}
