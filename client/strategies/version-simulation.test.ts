import { describe, expect, it } from 'vitest';
import { BTCUSDT_RULES } from '../../relay/exchange/test-instrument.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { testVersion } from './test-version.ts';
import { versionComparison } from './version-simulation.ts';

const entry = strategyEntry('ema-rsi');
const now = Date.parse('2024-06-10T12:00:00Z');

describe('versionComparison', () => {
  it('runs the version params against the baseline on its market over the default days', async () => {
    const params = entry.parseParams({ fastPeriod: 8, slowPeriod: 30 });
    const baseline = entry.parseParams({});
    const checked = versionComparison(await testVersion(params), baseline, BTCUSDT_RULES, now);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.inputs).toMatchObject({ strategyId: 'ema-rsi', params, symbol: 'BTCUSDT', interval: '1m', to: now });
    expect(checked.value.inputs.from).toBe(Date.parse('2024-06-07T00:00:00Z'));
    expect(checked.value.baselineParams).toEqual(baseline);
    expect(checked.value.comparison.inSampleFraction).toBe(0.7);
  });

  it('says so when the relay does not list the version symbol', async () => {
    const checked = versionComparison(await testVersion(entry.parseParams({})), entry.parseParams({}), undefined, now);
    expect(checked).toEqual({ ok: false, errors: { symbol: 'unknown symbol BTCUSDT; pick one from the list' } });
  });
});
