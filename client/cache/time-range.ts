import { z } from 'zod';

/**
 * Inclusive range of candle open times (UTC ms, aligned to the interval). A covered range means
 * every candle the exchange has in it is cached — gaps the exchange itself has stay covered.
 */
export const TimeRangeSchema = z.object({ from: z.number().int(), to: z.number().int() });
export type TimeRange = z.infer<typeof TimeRangeSchema>;
