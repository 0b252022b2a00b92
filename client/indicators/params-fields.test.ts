import { describe, expect, it } from 'vitest';
import { paramFields, validateParams } from './params-fields.ts';

describe('parameter form from the zod schema', () => {
  it('lists each parameter with its bounds and default', () => {
    expect(paramFields('bb')).toEqual([
      { key: 'period', kind: 'number', integer: true, min: 2, max: 1000, defaultValue: 20 },
      { key: 'stdDev', kind: 'number', integer: false, min: 0, max: 10, defaultValue: 2 },
    ]);
    expect(paramFields('macd').map((f) => f.key)).toEqual(['fast', 'slow', 'signal']);
    expect(paramFields('vwap')).toEqual([]);
  });

  it('accepts valid text, fills defaults for empty inputs', () => {
    expect(validateParams('macd', { fast: '5', slow: '', signal: '' })).toEqual({
      ok: true,
      spec: { name: 'macd', params: { fast: 5, slow: 26, signal: 9 } },
    });
  });

  it('names the field of every error, including cross-field rules', () => {
    expect(validateParams('ema', { period: 'abc' })).toEqual({ ok: false, errors: { period: 'period must be a number such as 20' } });
    expect(validateParams('ema', { period: '2.5' })).toEqual({ ok: false, errors: { period: 'period must be a whole number of candles' } });
    expect(validateParams('macd', { fast: '30', slow: '26', signal: '9' })).toEqual({
      ok: false,
      errors: { fast: 'fast must be smaller than slow (e.g. fast 12, slow 26)' },
    });
  });
});
