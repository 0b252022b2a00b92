import { z } from 'zod';
import { candlesBefore, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { previousCloseTracker, SeededAverage, settlingInputs, wilderStep } from './smoothing.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/**
 * Relative strength index as TA-Lib's ta_RSI.c computes it: Wilder averages of gains and losses
 * seeded with the mean of the first `period` changes, RSI = 100·gain/(gain + loss). No change at
 * all gives 0 (TA-Lib's answer, not 100). TA-Lib treats |gain + loss| < 1e-8 as zero; we test for
 * exact zero, because that epsilon would flatten the RSI of sub-cent tokens.
 */
export const rsiParams = z.strictObject({
  /** Smoothing period; default 14 (Wilder); at least 2, as in TA-Lib (one change is no average). */
  period: periodParam(14, 'period', 2),
});
export type RsiParams = z.infer<typeof rsiParams>;

export const rsi = defineIndicator({
  name: 'rsi',
  label: 'Relative strength index',
  pane: 'separate',
  params: rsiParams,
  outputs: VALUE_OUTPUT,
  // `period` price changes need period + 1 closes.
  requiredInputs: ({ period }: RsiParams) => period + 1,
  lookbackStart: ({ period }: RsiParams, from, intervalMs) =>
    candlesBefore(from, period + settlingInputs(1 / period), intervalMs),
  create({ period }: RsiParams) {
    const gains = new SeededAverage(period, wilderStep(period));
    const losses = new SeededAverage(period, wilderStep(period));
    const previousCloseOf = previousCloseTracker();
    return streamingIndicator(VALUE_OUTPUT, period + 1, (candle, replace) => {
      const previousClose = previousCloseOf(candle.close, replace);
      if (Number.isNaN(previousClose)) return null;
      const change = candle.close - previousClose;
      const gain = gains.update(change > 0 ? change : 0, replace);
      const loss = losses.update(change < 0 ? -change : 0, replace);
      if (gain === null || loss === null) return null;
      const total = gain + loss;
      return { value: total === 0 ? 0 : 100 * (gain / total) };
    });
  },
});
