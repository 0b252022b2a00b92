import { z } from 'zod';
import { EMA, MACD } from 'trading-signals';
import { CONVERGENCE_PERIODS, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { streamingIndicator } from './streaming.ts';

/** Moving average convergence/divergence: EMA(fast) − EMA(slow), its EMA signal line, and their difference. */
export const macdParams = z
  .strictObject({
    /** Fast EMA period; default 12. */
    fast: periodParam(12, 'fast'),
    /** Slow EMA period; default 26, must exceed fast. */
    slow: periodParam(26, 'slow'),
    /** Signal-line EMA period over the MACD line; default 9. */
    signal: periodParam(9, 'signal'),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be smaller than slow (e.g. fast 12, slow 26)', path: ['fast'] });
export type MacdParams = z.infer<typeof macdParams>;

const OUTPUTS = ['macd', 'signal', 'histogram'] as const;

/** The MACD line exists after `slow` closes; the signal line needs `signal` of those. */
const requiredInputs = ({ slow, signal }: MacdParams) => slow + signal - 1;

export const macd = defineIndicator({
  name: 'macd',
  label: 'MACD',
  pane: 'separate',
  params: macdParams,
  outputs: OUTPUTS,
  requiredInputs,
  lookbackStart: (params: MacdParams, from, intervalMs) =>
    from - (requiredInputs(params) - 1 + CONVERGENCE_PERIODS * params.slow) * intervalMs,
  create(params: MacdParams) {
    const signalLine = new EMA(params.signal);
    const indicator = new MACD(new EMA(params.fast), new EMA(params.slow), signalLine);
    return streamingIndicator(OUTPUTS, requiredInputs(params), (candle) => {
      const result = indicator.add(candle.close);
      // The library answers from the first MACD value with a signal seeded on it; wait until the
      // signal EMA has its full period so the three outputs start together.
      if (result === null || !signalLine.isStable) return null;
      return { macd: result.macd, signal: result.signal, histogram: result.histogram };
    });
  },
});
