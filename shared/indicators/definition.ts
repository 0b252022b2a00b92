import type { z } from 'zod';
import type { StreamingIndicator } from './streaming.ts';

/** Where a chart draws the indicator: over the candles, or in its own pane below. */
export type IndicatorPane = 'price' | 'separate';

export interface IndicatorDefinition<Name extends string = string, Params extends object = Record<string, unknown>> {
  name: Name;
  label: string;
  pane: IndicatorPane;
  /** zod schema of the parameters, every field with a documented default and bounds. */
  params: z.ZodType<Params, object | undefined>;
  outputs: readonly string[];
  /** Closed candles needed before the first value. */
  requiredInputs(params: Params): number;
  /**
   * Earliest candle open time to load so the value at `from` is settled: the window for windowed
   * indicators, the window plus a convergence tail for recursive (exponential/Wilder) ones, the
   * session start for VWAP.
   */
  lookbackStart(params: Params, from: number, intervalMs: number): number;
  create(params: Params): StreamingIndicator;
}

/** Identity helper that keeps each definition's literal name and parameter type. */
export function defineIndicator<const Name extends string, Params extends object>(
  definition: IndicatorDefinition<Name, Params>,
): IndicatorDefinition<Name, Params> {
  return definition;
}

/**
 * Exponential and Wilder smoothing never forget their seed; 10 periods of extra history shrink its
 * weight to e^-20 (EMA) or e^-10 (Wilder), far below what a chart or a rule threshold can see.
 */
export const CONVERGENCE_PERIODS = 10;
