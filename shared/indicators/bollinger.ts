import { z } from 'zod';
import { BollingerBands } from 'trading-signals';
import { candlesBefore, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { streamingIndicator } from './streaming.ts';

/** Bollinger Bands: SMA of closes ± a multiple of their population standard deviation. */
export const bollingerParams = z.strictObject({
  /** Candles in the window; default 20. */
  period: periodParam(20, 'period', 2),
  /** Band width in standard deviations; default 2. */
  stdDev: z
    .number({ error: 'stdDev must be a number such as 2' })
    .gt(0, 'stdDev must be greater than 0')
    .max(10, 'stdDev must be at most 10')
    .default(2),
});
export type BollingerParams = z.infer<typeof bollingerParams>;

const OUTPUTS = ['upper', 'middle', 'lower'] as const;

export const bollinger = defineIndicator({
  name: 'bb',
  label: 'Bollinger Bands',
  pane: 'price',
  params: bollingerParams,
  outputs: OUTPUTS,
  requiredInputs: ({ period }: BollingerParams) => period,
  lookbackStart: ({ period }: BollingerParams, from, intervalMs) => candlesBefore(from, period - 1, intervalMs),
  create({ period, stdDev }: BollingerParams) {
    const indicator = new BollingerBands(period, stdDev);
    return streamingIndicator(OUTPUTS, period, (candle, replace) => {
      const bands = indicator.update(candle.close, replace);
      return bands === null ? null : { upper: bands.upper, middle: bands.middle, lower: bands.lower };
    });
  },
});
