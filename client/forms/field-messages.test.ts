import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldMessage } from './field-messages.ts';

const messageOf = (schema: z.ZodType, value: unknown, label = 'Fast EMA period') => fieldMessage(label, schema.safeParse(value).error!.issues[0]!);

describe('fieldMessage', () => {
  it('names the field and the bound', () => {
    expect(messageOf(z.number().int().min(2), 1)).toBe('Fast EMA period must be at least 2');
    expect(messageOf(z.number().max(1e9), 1e15, 'Starting balance')).toBe('Starting balance must be at most 1,000,000,000');
    expect(messageOf(z.number().gt(0), 0, 'Allocation')).toBe('Allocation must be greater than 0');
    expect(messageOf(z.number().lt(1), 1, 'Allocation')).toBe('Allocation must be less than 1');
  });

  it('says "a number" for text that is not one, and "a whole number" for fractions of a period', () => {
    expect(messageOf(z.number(), NaN)).toBe('Fast EMA period must be a number');
    expect(messageOf(z.number().int(), 2.5)).toBe('Fast EMA period must be a whole number');
    expect(messageOf(z.enum(['middle', 'upper']), 'x', 'Exit at band')).toBe('Exit at band must be one of middle, upper');
  });

  it('keeps the written message of a refinement', () => {
    const schema = z.number().refine((n) => n > 5, { message: 'the end must be after the start' });
    expect(messageOf(schema, 1)).toBe('the end must be after the start');
  });
});
