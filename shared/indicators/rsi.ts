import { z } from 'zod';
import { RSI } from 'trading-signals';
import { CONVERGENCE_PERIODS, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/** Relative strength index with Wilder smoothing of gains and losses (0..100). */
export const rsiParams = z.strictObject({
  /** Smoothing period; default 14 (Wilder). */
  period: periodParam(14, 'period'),
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
    from - (period + CONVERGENCE_PERIODS * period) * intervalMs,
  create({ period }: RsiParams) {
    const indicator = new RSI(period);
    return streamingIndicator(VALUE_OUTPUT, period + 1, (candle) => {
      const value = indicator.add(candle.close);
      return value === null ? null : { value };
    });
  },
});
