import Dexie, { type Table } from 'dexie';
import { z } from 'zod';
import { CandleSchema, IntervalSchema } from '../../shared/market/index.ts';
import { TimeRangeSchema } from './time-range.ts';

/** A cached candle; the compound key [symbol+interval+openTime] keeps rows ordered for range reads. */
export const CandleRowSchema = CandleSchema.extend({ symbol: z.string().min(1), interval: IntervalSchema });
export type CandleRow = z.infer<typeof CandleRowSchema>;

/** Which open-time ranges of a symbol/interval are completely cached (closed candles only). */
export const CoverageRowSchema = z.object({
  symbol: z.string().min(1),
  interval: IntervalSchema,
  ranges: z.array(TimeRangeSchema),
});
export type CoverageRow = z.infer<typeof CoverageRowSchema>;

export class CandleDb extends Dexie {
  candles!: Table<CandleRow, [string, string, number]>;
  ranges!: Table<CoverageRow, [string, string]>;

  constructor(name = 'bybit-portal-market') {
    super(name);
    this.version(1).stores({
      candles: '[symbol+interval+openTime]',
      ranges: '[symbol+interval]',
    });
  }
}
