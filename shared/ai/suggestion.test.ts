import { describe, expect, it } from 'vitest';
import { strategyEntry } from '../strategy/index.ts';
import { applyDeltas } from './apply-deltas.ts';
import { parseSuggestion } from './parse-suggestion.ts';
import { reviewParams } from './review-params.ts';
import { suggestionJsonSchema } from './schemas.ts';

const ema = strategyEntry('ema-rsi');
const base = ema.parseParams({});

describe('applyDeltas', () => {
  it('applies deltas inside the bounds through the strategy schema', () => {
    expect(applyDeltas(ema, base, [{ param: 'fastPeriod', from: 12, to: 10 }])).toEqual({ ok: true, params: { ...base, fastPeriod: 10 } });
    const boll = strategyEntry('bollinger-reversion');
    expect(applyDeltas(boll, boll.parseParams({}), [{ param: 'exitAt', from: 'middle', to: 'upper' }])).toMatchObject({ ok: true, params: { exitAt: 'upper' } });
  });

  it('refuses, naming the param: out of bounds, a broken cross-field rule, unknown, stale from, repeated', () => {
    expect(applyDeltas(ema, base, [{ param: 'fastPeriod', from: 12, to: 201 }])).toMatchObject({ ok: false, param: 'fastPeriod', message: expect.stringContaining('Too big') });
    expect(applyDeltas(ema, base, [{ param: 'rsiExit', from: 80, to: 60 }])).toMatchObject({ ok: false, param: 'rsiExit', message: expect.stringContaining('RSI entry maximum must be below') });
    expect(applyDeltas(ema, base, [{ param: 'fastPeriode', from: 12, to: 10 }])).toMatchObject({ ok: false, param: 'fastPeriode', message: expect.stringContaining('unknown param') });
    expect(applyDeltas(ema, base, [{ param: 'fastPeriod', from: 9, to: 10 }])).toMatchObject({ ok: false, param: 'fastPeriod', message: expect.stringContaining('not its current value 12') });
    const twice = [{ param: 'fastPeriod', from: 12, to: 10 }, { param: 'fastPeriod', from: 12, to: 11 }];
    expect(applyDeltas(ema, base, twice)).toMatchObject({ ok: false, param: 'fastPeriod', message: expect.stringContaining('more than once') });
    expect(applyDeltas(ema, base, [{ param: 'allocation', from: 1, to: 0 }])).toMatchObject({ ok: false, param: 'allocation' });
  });
});

describe('parseSuggestion', () => {
  it('says what is wrong: empty, not JSON, not the schema', () => {
    expect(parseSuggestion(null)).toMatchObject({ ok: false, error: expect.stringContaining('empty') });
    expect(parseSuggestion('{"deltas":')).toMatchObject({ ok: false, error: expect.stringContaining('not valid JSON') });
    expect(parseSuggestion(JSON.stringify({ deltas: [], rationale: 'x', confidence: 2, riskNotes: [] }))).toMatchObject({ ok: false, error: expect.stringContaining('confidence') });
    expect(parseSuggestion(JSON.stringify({ deltas: [], rationale: 'x', confidence: 0.5, riskNotes: [], extra: 1 }))).toMatchObject({ ok: false });
    expect(parseSuggestion(JSON.stringify({ deltas: [], rationale: 'keep', confidence: 0.5, riskNotes: [] }))).toMatchObject({ ok: true });
  });
});

describe('the structured-output schema', () => {
  it('is strict: every property required, no additional ones, no $schema', () => {
    const schema = suggestionJsonSchema() as { required: string[]; additionalProperties: boolean; properties: { deltas: { items: { additionalProperties: boolean; required: string[] } } } };
    expect(schema).not.toHaveProperty('$schema');
    expect(schema.required.sort()).toEqual(['confidence', 'deltas', 'rationale', 'riskNotes']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.deltas.items).toMatchObject({ additionalProperties: false, required: ['param', 'from', 'to'] });
  });
});

describe('reviewParams', () => {
  it('lists each param with the bounds its schema states', () => {
    const params = reviewParams(strategyEntry('bollinger-reversion'), strategyEntry('bollinger-reversion').parseParams({}));
    expect(params.find((p) => p.name === 'period')).toMatchObject({ value: 20, min: 5, max: 400, integer: true, choices: null, title: 'Bollinger period' });
    expect(params.find((p) => p.name === 'exitAt')).toMatchObject({ value: 'middle', min: null, max: null, choices: ['middle', 'upper'] });
    expect(params.find((p) => p.name === 'stopLoss')).toMatchObject({ min: 0, max: 0.5, integer: false });
  });
});
