import { z } from 'zod';
import { IntervalSchema } from '../../shared/market/index.ts';
import { IndicatorCandleSchema, IndicatorSpecSchema } from '../../shared/indicators/index.ts';

/**
 * Everything that crosses the worker boundary is parsed here, so a malformed message from the UI
 * thread fails with a readable zod error instead of silently producing NaN columns.
 */

/** Only what an indicator reads; a full Candle (with turnover) parses too and loses the extra key. */
export const WorkerCandleSchema = IndicatorCandleSchema;

export const WorkerCandlesSchema = z.array(WorkerCandleSchema);

/** One live indicator series of one chart: the user's indicator instance on a symbol and interval. */
export const SeriesKeySchema = z.object({
  /** Instance id from the user's indicator set; two EMA(20) instances are two sessions. */
  id: z.string().min(1),
  symbol: z.string().min(1),
  interval: IntervalSchema,
});
export type SeriesKey = z.infer<typeof SeriesKeySchema>;

export const WorkerSpecSchema = IndicatorSpecSchema;

/** Outcome of feeding one closed candle to a streaming session. */
export type ClosedCandleResult =
  | { kind: 'point'; time: number; values: Record<string, number>; persistError: string | null }
  /** Still inside the warm-up: no value yet. */
  | { kind: 'warming' }
  /** Not newer than the last candle the session saw (a replay after a reconnect). */
  | { kind: 'stale' }
  /** Closed candles were missed (e.g. while offline); the caller must re-open with full history. */
  | { kind: 'gap'; lastTime: number }
  /** No session under that id (never opened, closed, or the worker restarted). */
  | { kind: 'unknown' };

/** Outcome of previewing the forming candle in a streaming session. */
export type FormingCandleResult =
  | { kind: 'provisional'; time: number; values: Record<string, number> }
  | Exclude<ClosedCandleResult, { kind: 'point' }>;

export class WorkerInputError extends Error {
  override name = 'WorkerInputError';
}

export function parseAtBoundary<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new WorkerInputError(`invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
