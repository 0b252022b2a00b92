import { z } from 'zod';
import { EMA } from 'trading-signals';
import { CONVERGENCE_PERIODS, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/** Exponential moving average of closes, weight 2/(period+1). */
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
    from - (period - 1 + CONVERGENCE_PERIODS * period) * intervalMs,
  create({ period }: EmaParams) {
    // trading-signals seeds with the first close and answers from the first input; we publish only
    // once `period` closes are in (its isStable), like charting platforms do.
    const indicator = new EMA(period);
    return streamingIndicator(VALUE_OUTPUT, period, (candle) => {
      const value = indicator.add(candle.close);
      return value !== null && indicator.isStable ? { value } : null;
    });
  },
});
