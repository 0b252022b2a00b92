import { describe, expect, it } from 'vitest';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { paramChanges, paramText } from './param-changes.ts';

describe('paramChanges', () => {
  const defaults = strategyEntry('ema-rsi').parseParams({});

  it('names each changed param with its label, in the strategy form order', () => {
    const changed = { ...defaults, slowPeriod: 30, fastPeriod: 8 };
    expect(paramChanges('ema-rsi', defaults, changed).map((c) => [c.key, c.from, c.to])).toEqual([
      ['fastPeriod', 12, 8],
      ['slowPeriod', 26, 30],
    ]);
    expect(paramChanges('ema-rsi', defaults, changed)[0]!.label).toBe('Fast EMA period');
  });

  it('finds nothing between equal params, and keeps params the strategy does not know', () => {
    expect(paramChanges('ema-rsi', defaults, { ...defaults })).toEqual([]);
    expect(paramChanges('ema-rsi', defaults, { ...defaults, extra: 1 })).toEqual([{ key: 'extra', label: 'extra', from: undefined, to: 1 }]);
  });
});

describe('paramText', () => {
  it('writes numbers and booleans as JSON and absence as a dash', () => {
    expect([paramText(12), paramText(true), paramText('x'), paramText(undefined)]).toEqual(['12', 'true', 'x', '—']);
  });
});
