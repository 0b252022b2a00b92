import { z } from 'zod';
import { candlesBefore, defineIndicator } from './definition.ts';
import { periodParam } from './params.ts';
import { emaAlpha, emaStep, SeededAverage, settlingInputs } from './smoothing.ts';
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
  // The MACD line settles with the slow EMA, the signal line after that with its own seed.
  lookbackStart: (params: MacdParams, from, intervalMs) =>
    candlesBefore(
      from,
      requiredInputs(params) - 1 + settlingInputs(emaAlpha(params.slow)) + settlingInputs(emaAlpha(params.signal)),
      intervalMs,
    ),
  create({ fast, slow, signal }: MacdParams) {
    // TA-Lib's ta_MACD.c: both EMAs are SMA-seeded and end their seed on the same candle (slow−1),
    // so the fast EMA skips the first slow−fast closes; the signal EMA is SMA-seeded on MACD values.
    const fastAverage = new SeededAverage(fast, emaStep(fast));
    const slowAverage = new SeededAverage(slow, emaStep(slow));
    const signalAverage = new SeededAverage(signal, emaStep(signal));
    const fastStart = slow - fast;
    let index = -1;
    return streamingIndicator(OUTPUTS, requiredInputs({ fast, slow, signal }), (candle, replace) => {
      if (!replace) index++;
      const slowValue = slowAverage.update(candle.close, replace);
      if (index < fastStart) return null;
      const fastValue = fastAverage.update(candle.close, replace);
      if (slowValue === null || fastValue === null) return null;
      const line = fastValue - slowValue;
      const signalValue = signalAverage.update(line, replace);
      return signalValue === null ? null : { macd: line, signal: signalValue, histogram: line - signalValue };
    });
  },
});
