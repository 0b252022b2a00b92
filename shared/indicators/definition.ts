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
   * Earliest candle open time to load so the value at `from` equals the full-history value (to
   * 1e-9 relative, see SETTLED_SEED_WEIGHT): the window for windowed indicators, the warm-up plus
   * the inputs until the seed's weight has decayed for recursive (exponential/Wilder) ones, the
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

/** `lookbackStart` of an indicator that needs a fixed number of earlier candles. */
export function candlesBefore(from: number, candles: number, intervalMs: number): number {
  return from - candles * intervalMs;
}
