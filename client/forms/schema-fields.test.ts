import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultInputs, fieldErrors, inputValues, labelledFieldErrors, numberHint, schemaFields } from './schema-fields.ts';

const schema = z
  .object({
    period: z.number({ error: 'period must be a number' }).int().min(2).max(500).default(20).meta({ title: 'Period', description: 'Candles averaged.' }),
    width: z.number().gt(0).default(1.5),
    side: z.enum(['long', 'short']).default('long'),
    note: z.number().optional(),
  })
  .refine((p) => p.period > p.width, { message: 'period must exceed width', path: ['period'] });

describe('form fields from a zod schema', () => {
  it('reads numbers with bounds and defaults, enums as choices, titles and descriptions as words', () => {
    expect(schemaFields(schema)).toEqual([
      { key: 'period', label: 'Period', description: 'Candles averaged.', kind: 'number', integer: true, min: 2, max: 500, defaultValue: 20 },
      { key: 'width', label: 'width', kind: 'number', integer: false, min: 0, defaultValue: 1.5 },
      { key: 'side', label: 'side', kind: 'choice', options: ['long', 'short'], defaultValue: 'long' },
      { key: 'note', label: 'note', kind: 'number', integer: false },
    ]);
    expect(defaultInputs(schemaFields(schema))).toEqual({ period: '20', width: '1.5', side: 'long', note: '' });
    expect(numberHint({ key: 'period', label: 'Period', kind: 'number', integer: true, min: 2, max: 500 })).toBe('whole number, min 2, max 500');
    expect(numberHint({ key: 'note', label: 'note', kind: 'number', integer: false })).toBe('number');
  });

  it('turns text into schema input: blanks left out for defaults, non-numbers kept as NaN, choices as text', () => {
    const fields = schemaFields(schema);
    expect(inputValues(fields, { period: ' ', width: '2', side: 'short', note: 'abc' })).toEqual({ width: 2, side: 'short', note: NaN });
    expect(schema.parse(inputValues(fields, { period: '', width: '' }))).toEqual({ period: 20, width: 1.5, side: 'long' });
  });

  it('keeps the first message per field, at the given path depth, whole-object issues on "form"', () => {
    const fields = schemaFields(schema);
    const bad = schema.safeParse(inputValues(fields, { period: 'x', side: 'up' }));
    expect(fieldErrors(bad.error?.issues ?? [])).toEqual({ period: 'period must be a number', side: expect.stringContaining('long') });
    const crossed = schema.safeParse(inputValues(fields, { period: '2', width: '3' }));
    expect(fieldErrors(crossed.error?.issues ?? [])).toEqual({ period: 'period must exceed width' });
    const nested = z.object({ params: schema }).safeParse({ params: { period: 'x' } });
    expect(fieldErrors(nested.error?.issues ?? [], 1)).toEqual({ period: 'period must be a number' });
    const whole = z.object({ a: z.number() }).refine(() => false, { message: 'never' }).safeParse({ a: 1 });
    expect(fieldErrors(whole.error?.issues ?? [])).toEqual({ form: 'never' });
  });

  it('words bounds and types with the field\'s title, keeping written refinement messages', () => {
    const fields = schemaFields(schema);
    const low = schema.safeParse(inputValues(fields, { period: '1', width: '0.5' }));
    expect(labelledFieldErrors(low.error?.issues ?? [], fields)).toEqual({ period: 'Period must be at least 2' });
    const crossed = schema.safeParse(inputValues(fields, { period: '2', width: '3' }));
    expect(labelledFieldErrors(crossed.error?.issues ?? [], fields)).toEqual({ period: 'period must exceed width' });
  });
});
