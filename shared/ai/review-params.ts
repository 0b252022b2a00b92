import { z } from 'zod';
import type { StrategyEntry } from '../strategy/registry.ts';
import type { ReviewParam } from './schemas.ts';

interface JsonSchemaProperty {
  type?: string;
  title?: string;
  description?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
}

/**
 * Each param of `params` with the bounds, title and description the strategy's zod schema states,
 * read through its JSON Schema: what an advisor must stay within. An exclusive bound is given as the
 * bound itself; the schema still refuses a value that lands on it.
 */
export function reviewParams(entry: StrategyEntry, params: Record<string, unknown>): ReviewParam[] {
  const json = z.toJSONSchema(entry.paramsSchema, { io: 'input' }) as { properties?: Record<string, JsonSchemaProperty> };
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const value = params[name];
    if (typeof value !== 'number' && typeof value !== 'string') throw new Error(`param ${name} of ${entry.id} is ${typeof value}, not a number or a choice`);
    return {
      name,
      title: p.title ?? null,
      description: p.description ?? null,
      value,
      min: p.minimum ?? p.exclusiveMinimum ?? null,
      max: p.maximum ?? p.exclusiveMaximum ?? null,
      integer: p.type === 'integer',
      choices: p.enum === undefined ? null : p.enum.map(String),
    };
  });
}
