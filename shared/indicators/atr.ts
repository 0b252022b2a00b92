import { z } from 'zod';
import { candlesBefore, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { previousCloseTracker, SeededAverage, settlingInputs, wilderStep } from './smoothing.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/**
 * Average true range as TA-Lib's ta_ATR.c: true ranges start at the second candle (the first has
 * no previous close), the first ATR is their mean over `period`, then Wilder smoothing. So ATR(n)
 * has n leading gaps.
 */
export const atrParams = z.strictObject({
  /** Smoothing period; default 14 (Wilder). */
  period: periodParam(14, 'period'),
});
export type AtrParams = z.infer<typeof atrParams>;

export const atr = defineIndicator({
  name: 'atr',
  label: 'Average true range',
  pane: 'separate',
  params: atrParams,
  outputs: VALUE_OUTPUT,
  requiredInputs: ({ period }: AtrParams) => period + 1,
  lookbackStart: ({ period }: AtrParams, from, intervalMs) =>
    candlesBefore(from, period + settlingInputs(1 / period), intervalMs),
  create({ period }: AtrParams) {
    const average = new SeededAverage(period, wilderStep(period));
    const previousCloseOf = previousCloseTracker();
    return streamingIndicator(VALUE_OUTPUT, period + 1, (candle, replace) => {
      const previousClose = previousCloseOf(candle.close, replace);
      if (Number.isNaN(previousClose)) return null;
      const trueRange = Math.max(candle.high - candle.low, Math.abs(candle.high - previousClose), Math.abs(candle.low - previousClose));
      const value = average.update(trueRange, replace);
      return value === null ? null : { value };
    });
  },
});
