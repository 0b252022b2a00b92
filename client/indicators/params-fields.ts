import { z } from 'zod';
import { INDICATORS, IndicatorSpecSchema, type IndicatorName, type IndicatorSpec } from '../../shared/indicators/index.ts';

/** One numeric input of the parameter form, read from the indicator's zod schema. */
export interface ParamField {
  key: string;
  integer: boolean;
  min?: number;
  max?: number;
  defaultValue?: number;
}

interface JsonSchemaNumber {
  type?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: number;
}

/** Form fields straight from the registry's zod schema, so a new parameter needs no UI change. */
export function paramFields(name: IndicatorName): ParamField[] {
  const schema = z.toJSONSchema(INDICATORS[name].params, { io: 'input' }) as { properties?: Record<string, JsonSchemaNumber> };
  return Object.entries(schema.properties ?? {}).map(([key, p]) => ({
    key,
    integer: p.type === 'integer',
    min: p.minimum ?? p.exclusiveMinimum,
    max: p.maximum,
    defaultValue: p.default,
  }));
}

export type ParamsResult = { ok: true; spec: IndicatorSpec } | { ok: false; errors: Record<string, string> };

/**
 * Validates the form's text inputs with the shared spec schema. An empty input means "default";
 * text that is not a number stays NaN so the schema's own message ("must be a number") shows.
 */
export function validateParams(name: IndicatorName, inputs: Record<string, string>): ParamsResult {
  const params: Record<string, number> = {};
  for (const [key, text] of Object.entries(inputs)) if (text.trim() !== '') params[key] = Number(text);
  const parsed = IndicatorSpecSchema.safeParse({ name, params });
  if (parsed.success) return { ok: true, spec: parsed.data };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    // Issue paths look like ['params', 'period']; a whole-object refinement lands on its `path` field.
    const field = String(issue.path[1] ?? issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
