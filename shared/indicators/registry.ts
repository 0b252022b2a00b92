import { z } from 'zod';
import type { IndicatorDefinition } from './definition.ts';
import { INDICATOR_DEFINITIONS } from './definitions.ts';
import { IndicatorSpecSchema } from './schemas.ts';
import type { IndicatorName, IndicatorSpec } from './schemas.ts';
import type { StreamingIndicator } from './streaming.ts';

/**
 * Indicator definitions by name (SMA, EMA, Bollinger Bands, VWAP, RSI, MACD, ATR). Parameter types
 * are erased here: IndicatorSpecSchema pairs each name with its own params schema, so a parsed
 * spec's params always fit the definition of its name.
 */
export const INDICATORS = Object.fromEntries(INDICATOR_DEFINITIONS.map((d) => [d.name, d])) as unknown as Record<
  IndicatorName,
  IndicatorDefinition
>;

/** A user-supplied indicator name or parameters that do not fit the registry. */
export class IndicatorSpecError extends Error {
  override name = 'IndicatorSpecError';
}

/**
 * Validates `{ name, params }` from a user, a URL or storage and fills in defaults.
 * Throws IndicatorSpecError whose message names the field and the allowed values.
 */
export function parseIndicatorSpec(input: unknown): IndicatorSpec {
  const parsed = IndicatorSpecSchema.safeParse(input);
  if (!parsed.success) throw new IndicatorSpecError(z.prettifyError(parsed.error));
  return parsed.data;
}

export function indicatorDefinition(spec: IndicatorSpec): IndicatorDefinition {
  return INDICATORS[spec.name];
}

export function createIndicator(spec: IndicatorSpec): StreamingIndicator {
  return indicatorDefinition(spec).create(spec.params);
}
