import { z } from 'zod';
import { fieldMessage } from './field-messages.ts';

/**
 * Parameter forms generated from zod object schemas (indicator params, strategy params), so a new
 * parameter needs no UI change and the schema's own messages are the form's errors.
 */

/** `label` is the field's `.meta({ title })` in the schema, else its key; `description` its `.meta({ description })`. */
export type NumberField = { key: string; label: string; description?: string; kind: 'number'; integer: boolean; min?: number; max?: number; defaultValue?: number };
export type ChoiceField = { key: string; label: string; description?: string; kind: 'choice'; options: string[]; defaultValue?: string };
/** One input of a parameter form. */
export type SchemaField = NumberField | ChoiceField;

interface JsonSchemaProperty {
  title?: string;
  description?: string;
  type?: string;
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
}

/** The fields of a zod object schema, read through its JSON Schema (bounds, enums and defaults included). */
export function schemaFields(schema: z.ZodType): SchemaField[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties?: Record<string, JsonSchemaProperty> };
  return Object.entries(json.properties ?? {}).map(([key, p]): SchemaField => {
    const named = { key, label: p.title ?? key, ...(p.description !== undefined ? { description: p.description } : {}) };
    if (p.enum !== undefined) {
      return { ...named, kind: 'choice', options: p.enum.map(String), ...(typeof p.default === 'string' ? { defaultValue: p.default } : {}) };
    }
    const min = p.minimum ?? p.exclusiveMinimum;
    return {
      ...named,
      kind: 'number',
      integer: p.type === 'integer',
      ...(min !== undefined ? { min } : {}),
      ...(p.maximum !== undefined ? { max: p.maximum } : {}),
      ...(typeof p.default === 'number' ? { defaultValue: p.default } : {}),
    };
  });
}

/** Text inputs filled with each field's default ('' when it has none). */
export function defaultInputs(fields: readonly SchemaField[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, f.defaultValue === undefined ? '' : String(f.defaultValue)]));
}

/**
 * The form's text as the values its schema parses. An empty input is left out so the schema's
 * default applies; text that is not a number stays NaN so the schema's own message shows.
 */
export function inputValues(fields: readonly SchemaField[], inputs: Record<string, string>): Record<string, unknown> {
  const kinds = new Map(fields.map((f) => [f.key, f.kind]));
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(inputs)) {
    if (text.trim() === '') continue;
    values[key] = kinds.get(key) === 'choice' ? text : Number(text);
  }
  return values;
}

/**
 * The first message per field. `depth` is where the field name sits in an issue's path (1 when
 * the params are nested, as in `{ name, params }`); an issue on the whole object lands on `form`.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], depth = 0): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[String(issue.path[depth] ?? issue.path[0] ?? 'form')] ??= issue.message;
  return errors;
}

/** As `fieldErrors`, with bounds and types in a trader's words naming each field by its label. */
export function labelledFieldErrors(issues: readonly z.core.$ZodIssue[], fields: readonly SchemaField[]): Record<string, string> {
  const labels = new Map(fields.map((f) => [f.key, f.label]));
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? 'form');
    errors[key] ??= fieldMessage(labels.get(key) ?? key, issue);
  }
  return errors;
}

/** What a number field accepts, for the input's tooltip: "whole number, min 2, max 200". */
export function numberHint(field: NumberField): string {
  return `${field.integer ? 'whole number' : 'number'}${field.min === undefined ? '' : `, min ${field.min}`}${field.max === undefined ? '' : `, max ${field.max}`}`;
}
