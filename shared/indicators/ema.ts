import { z } from 'zod';
import { candlesBefore, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { emaAlpha, emaStep, SeededAverage, settlingInputs } from './smoothing.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/**
 * Exponential moving average of closes, weight 2/(period+1), seeded like TA-Lib (and TradingView's
 * ta.ema) with the SMA of the first `period` closes, so its first value is at candle period−1.
 */
export const emaParams = z.strictObject({
  /** Smoothing period; default 20. */
  period: periodParam(20, 'period'),
});
export type EmaParams = z.infer<typeof emaParams>;

export const ema = defineIndicator({
  name: 'ema',
  label: 'Exponential moving average',
  pane: 'price',
  params: emaParams,
  outputs: VALUE_OUTPUT,
  requiredInputs: ({ period }: EmaParams) => period,
  lookbackStart: ({ period }: EmaParams, from, intervalMs) =>
    candlesBefore(from, period - 1 + settlingInputs(emaAlpha(period)), intervalMs),
  create({ period }: EmaParams) {
    const average = new SeededAverage(period, emaStep(period));
    return streamingIndicator(VALUE_OUTPUT, period, (candle, replace) => {
      const value = average.update(candle.close, replace);
      return value === null ? null : { value };
    });
  },
});
