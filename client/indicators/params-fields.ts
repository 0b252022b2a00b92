import { INDICATORS, IndicatorSpecSchema, type IndicatorName, type IndicatorSpec } from '../../shared/indicators/index.ts';
import { fieldErrors, inputValues, schemaFields, type SchemaField } from '../forms/schema-fields.ts';

/** Form fields straight from the registry's zod schema, so a new parameter needs no UI change. */
export function paramFields(name: IndicatorName): SchemaField[] {
  return schemaFields(INDICATORS[name].params);
}

export type ParamsResult = { ok: true; spec: IndicatorSpec } | { ok: false; errors: Record<string, string> };

/** Validates the form's text inputs with the shared spec schema (blank means default). */
export function validateParams(name: IndicatorName, inputs: Record<string, string>): ParamsResult {
  const parsed = IndicatorSpecSchema.safeParse({ name, params: inputValues(paramFields(name), inputs) });
  if (parsed.success) return { ok: true, spec: parsed.data };
  // Issue paths look like ['params', 'period']; a whole-object refinement lands on its `path` field.
  return { ok: false, errors: fieldErrors(parsed.error.issues, 1) };
}
