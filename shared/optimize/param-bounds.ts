import { z } from 'zod';

/** A numeric strategy param the search may move, with the bounds its zod schema states. */
export interface NumericParamBounds {
  key: string;
  integer: boolean;
  min: number;
  max: number;
}

interface JsonSchemaProperty {
  type?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
}

/**
 * The bounded numeric params of a strategy's params schema, read through its JSON Schema as the
 * client's forms read them. A param without both bounds is left out: there is no range to draw
 * from. Exclusive bounds are kept as the range's ends; the schema refuses a draw that lands on one.
 */
export function numericParamBounds(paramsSchema: z.ZodType): NumericParamBounds[] {
  const json = z.toJSONSchema(paramsSchema, { io: 'input' }) as { properties?: Record<string, JsonSchemaProperty> };
  const bounds: NumericParamBounds[] = [];
  for (const [key, p] of Object.entries(json.properties ?? {})) {
    if (p.type !== 'number' && p.type !== 'integer') continue;
    const min = p.minimum ?? p.exclusiveMinimum;
    const max = p.maximum ?? p.exclusiveMaximum;
    if (min === undefined || max === undefined) continue;
    bounds.push({ key, integer: p.type === 'integer', min, max });
  }
  return bounds;
}
