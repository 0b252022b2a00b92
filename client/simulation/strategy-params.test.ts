import { describe, expect, it } from 'vitest';
import { STRATEGY_IDS } from '../../shared/strategy/index.ts';
import { defaultParamInputs, strategyParamFields, validateStrategyParams } from './strategy-params.ts';

describe('strategy parameter form', () => {
  it('offers every registered strategy', () => {
    expect(STRATEGY_IDS).toEqual(['ema-rsi', 'bollinger-reversion', 'donchian-atr']);
  });

  it('reads numeric and choice fields with bounds and defaults from the zod schema', () => {
    expect(strategyParamFields('ema-rsi')[0]).toEqual({ key: 'fastPeriod', label: 'Fast EMA period', description: expect.stringContaining('fast moving average'), kind: 'number', integer: true, min: 2, max: 200, defaultValue: 12 });
    expect(strategyParamFields('bollinger-reversion').find((f) => f.key === 'exitAt')).toEqual({
      key: 'exitAt',
      label: 'Exit at band',
      description: expect.stringContaining('middle band'),
      kind: 'choice',
      options: ['middle', 'upper'],
      defaultValue: 'middle',
    });
    expect(defaultParamInputs('donchian-atr')).toMatchObject({ entryPeriod: '20', exitPeriod: '10', atrMultiple: '2' });
  });

  it('validates with the strategy schema: defaults for blanks, field errors for bad values and cross-field rules', () => {
    expect(validateStrategyParams('ema-rsi', { fastPeriod: '9', slowPeriod: '' })).toEqual({
      ok: true,
      params: { fastPeriod: 9, slowPeriod: 26, rsiPeriod: 14, rsiEntryMax: 70, rsiExit: 80, allocation: 1 },
    });
    const bad = validateStrategyParams('ema-rsi', { fastPeriod: 'abc', rsiPeriod: '1.5' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual({ fastPeriod: 'Fast EMA period must be a number', rsiPeriod: 'RSI period must be a whole number' });
    expect(validateStrategyParams('ema-rsi', { fastPeriod: '1' })).toEqual({ ok: false, errors: { fastPeriod: 'Fast EMA period must be at least 2' } });
    const cross = validateStrategyParams('ema-rsi', { fastPeriod: '30', slowPeriod: '20' });
    expect(cross).toEqual({ ok: false, errors: { fastPeriod: 'Fast EMA period must be shorter than the slow EMA period' } });
    expect(validateStrategyParams('bollinger-reversion', { exitAt: 'lower' }).ok).toBe(false);
    expect(validateStrategyParams('nope', {})).toEqual({ ok: false, errors: { form: expect.stringContaining('unknown strategy "nope"') } });
  });
});
