import { z } from 'zod';
import { SMA } from 'trading-signals';
import { candlesBefore, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { VALUE_OUTPUT, streamingIndicator } from './streaming.ts';

/** Simple moving average of closes. */
export const smaParams = z.strictObject({
  /** Candles averaged; default 20. */
  period: periodParam(20, 'period'),
});
export type SmaParams = z.infer<typeof smaParams>;

export const sma = defineIndicator({
  name: 'sma',
  label: 'Simple moving average',
  pane: 'price',
  params: smaParams,
  outputs: VALUE_OUTPUT,
  requiredInputs: ({ period }: SmaParams) => period,
  lookbackStart: ({ period }: SmaParams, from, intervalMs) => candlesBefore(from, period - 1, intervalMs),
  create({ period }: SmaParams) {
    const indicator = new SMA(period);
    return streamingIndicator(VALUE_OUTPUT, period, (candle, replace) => {
      const value = indicator.update(candle.close, replace);
      return value === null ? null : { value };
    });
  },
});
