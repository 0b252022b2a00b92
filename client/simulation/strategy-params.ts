import { z } from 'zod';
import { STRATEGIES, STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { fieldMessage } from './field-messages.ts';

/** One input of the parameter form, read from the strategy's zod schema; `label` is its title there. */
export type ParamField =
  | { key: string; label: string; kind: 'number'; integer: boolean; min?: number; max?: number; defaultValue?: number }
  | { key: string; label: string; kind: 'choice'; options: string[]; defaultValue?: string };

interface JsonSchemaProperty {
  title?: string;
  type?: string;
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
}

/** Form fields straight from the schema, so a new parameter needs no UI change. */
export function strategyParamFields(strategyId: string): ParamField[] {
  const schema = STRATEGIES[strategyId]?.paramsSchema;
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonSchemaProperty> };
  return Object.entries(json.properties ?? {}).map(([key, p]): ParamField =>
    p.enum !== undefined
      ? { key, label: p.title ?? key, kind: 'choice', options: p.enum.map(String), ...(typeof p.default === 'string' ? { defaultValue: p.default } : {}) }
      : {
          key,
          label: p.title ?? key,
          kind: 'number',
          integer: p.type === 'integer',
          ...(p.minimum ?? p.exclusiveMinimum) !== undefined ? { min: p.minimum ?? p.exclusiveMinimum } : {},
          ...(p.maximum !== undefined ? { max: p.maximum } : {}),
          ...(typeof p.default === 'number' ? { defaultValue: p.default } : {}),
        },
  );
}

/** Text inputs filled with each field's default. */
export function defaultParamInputs(strategyId: string): Record<string, string> {
  return Object.fromEntries(strategyParamFields(strategyId).map((f) => [f.key, f.defaultValue === undefined ? '' : String(f.defaultValue)]));
}

export type ParamsResult = { ok: true; params: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/**
 * Validates the form's text inputs with the strategy's own schema. An empty input means "default";
 * text that is not a number stays NaN, which reads "… must be a number".
 */
export function validateStrategyParams(strategyId: string, inputs: Record<string, string>): ParamsResult {
  const schema = STRATEGIES[strategyId]?.paramsSchema;
  if (!schema) return { ok: false, errors: { form: `unknown strategy "${strategyId}"; expected one of ${STRATEGY_IDS.join(', ')}` } };
  const fields = new Map(strategyParamFields(strategyId).map((f) => [f.key, f]));
  const raw: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(inputs)) {
    if (text.trim() === '') continue;
    raw[key] = fields.get(key)?.kind === 'choice' ? text : Number(text);
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, params: parsed.data as Record<string, unknown> };
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= fieldMessage(fields.get(key)?.label ?? key, issue);
  }
  return { ok: false, errors };
}
