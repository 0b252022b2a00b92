import { STRATEGIES, STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { defaultInputs, fieldErrors, inputValues, schemaFields, type SchemaField } from '../forms/schema-fields.ts';

/** Form fields straight from the strategy's zod schema; none for an unknown strategy. */
export function strategyParamFields(strategyId: string): SchemaField[] {
  const schema = STRATEGIES[strategyId]?.paramsSchema;
  return schema ? schemaFields(schema) : [];
}

/** Text inputs filled with each field's default. */
export function defaultParamInputs(strategyId: string): Record<string, string> {
  return defaultInputs(strategyParamFields(strategyId));
}

export type ParamsResult = { ok: true; params: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** Validates the form's text inputs with the strategy's own schema (blank means default). */
export function validateStrategyParams(strategyId: string, inputs: Record<string, string>): ParamsResult {
  const schema = STRATEGIES[strategyId]?.paramsSchema;
  if (!schema) return { ok: false, errors: { form: `unknown strategy "${strategyId}"; expected one of ${STRATEGY_IDS.join(', ')}` } };
  const parsed = schema.safeParse(inputValues(schemaFields(schema), inputs));
  if (parsed.success) return { ok: true, params: parsed.data as Record<string, unknown> };
  return { ok: false, errors: fieldErrors(parsed.error.issues) };
}
