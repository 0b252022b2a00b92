import { z } from 'zod';
import { ATR } from 'trading-signals';
import { CONVERGENCE_PERIODS, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/** Average true range with Wilder smoothing; the first candle's true range is its high − low. */
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
  requiredInputs: ({ period }: AtrParams) => period,
  lookbackStart: ({ period }: AtrParams, from, intervalMs) =>
    from - (period - 1 + CONVERGENCE_PERIODS * period) * intervalMs,
  create({ period }: AtrParams) {
    const indicator = new ATR(period);
    return streamingIndicator(VALUE_OUTPUT, period, (candle) => {
      const value = indicator.add(candle);
      return value === null ? null : { value };
    });
  },
});
