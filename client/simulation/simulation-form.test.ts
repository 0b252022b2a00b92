import { describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { STRATEGY_IDS, strategyEntry } from '../../shared/strategy/index.ts';
import { checkComparison, checkRunInputs, checkSweep, defaultForm, formOfRun, sweepInputs } from './simulation-form.ts';
import { sweepCandidates } from './sweep-grid.ts';
import { validateStrategyParams } from './strategy-params.ts';

const NOW = Date.parse('2024-06-05T12:34:00Z');
const rules = BTC_CONFIG.instrument;

describe('simulation form checks', () => {
  it('turns the default form into a run over the last three UTC days with Bybit base fees', () => {
    const checked = checkRunInputs(defaultForm('ema-rsi', NOW), rules, NOW);
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.value.from).toBe(Date.parse('2024-06-02T00:00:00Z'));
    expect(checked.value.to).toBe(NOW);
    expect(checked.value.config).toMatchObject({ makerFee: 0.001, takerFee: 0.001, slippageBps: 0, initialQuote: 10_000, instrument: rules });
    expect(checked.value.params).toMatchObject({ fastPeriod: 12, slowPeriod: 26 });
  });

  it('names every bad field with a message a trader can act on', () => {
    const form = { ...defaultForm('ema-rsi', NOW), takerFeePct: '5', slippageBps: '-1', initialQuote: '1e15', fromDate: '2024-06-05', toDate: '2024-06-01' };
    form.params = { ...form.params, slowPeriod: '2' };
    const checked = checkRunInputs(form, undefined, NOW);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors).toMatchObject({
      symbol: 'unknown symbol BTCUSDT; pick one from the list',
      takerFeePct: 'taker fee must be a percent between 0 and 1, e.g. 0.1',
      toDate: 'the end date must be after the start date (and not in the future)',
      initialQuote: 'Starting balance must be at most 1,000,000,000',
      slippageBps: 'Slippage must be at least 0',
      'params.slowPeriod': 'Slow EMA period must be at least 3',
    });
  });

  it('checks the baseline and the in-sample share of a comparison', () => {
    const form = defaultForm('ema-rsi', NOW);
    expect(checkComparison({ ...form, inSamplePct: '70' })).toMatchObject({ ok: true, value: { comparison: { inSampleFraction: 0.7, kFolds: 4, drawdownTolerance: 0.05, foldWinShare: 0.6 } } });
    const bad = checkComparison({ ...form, inSamplePct: '100', baselineParams: { ...form.baselineParams, rsiExit: '20' } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors)).toEqual(expect.arrayContaining(['baseline.rsiExit', 'inSamplePct']));
  });

  it('checks the sweep range', () => {
    const form = { ...defaultForm('ema-rsi', NOW), sweepParam: 'fastPeriod', sweepFrom: '5', sweepTo: '15', sweepStep: '' };
    expect(checkSweep(form)).toEqual({ ok: false, errors: { sweepStep: 'Step must be a number' } });
    expect(checkSweep({ ...form, sweepStep: '5' })).toEqual({ ok: true, value: { param: 'fastPeriod', from: 5, to: 15, step: 5 } });
  });

  it('sweeps something by default: several values around the default, every one a valid candidate', () => {
    for (const id of STRATEGY_IDS) {
      const form = defaultForm(id, NOW);
      const range = checkSweep(form);
      expect(range.ok, id).toBe(true);
      if (!range.ok) continue;
      const base = validateStrategyParams(id, form.params);
      if (!base.ok) throw new Error(`${id} defaults invalid`);
      const candidates = sweepCandidates(base.params, range.value);
      expect(candidates.length, id).toBeGreaterThanOrEqual(3);
      for (const c of candidates) expect(() => strategyEntry(id).parseParams(c), `${id} ${JSON.stringify(c)}`).not.toThrow();
    }
    expect(sweepInputs('ema-rsi')).toEqual({ sweepParam: 'fastPeriod', sweepFrom: '6', sweepTo: '18', sweepStep: '3' });
    expect(sweepInputs('bollinger-reversion', 'stdDev')).toEqual({ sweepParam: 'stdDev', sweepFrom: '1', sweepTo: '3', sweepStep: '0.5' });
    expect(sweepInputs('ema-rsi', 'allocation')).toEqual({ sweepParam: 'allocation', sweepFrom: '0.5', sweepTo: '1', sweepStep: '0.1' });
  });

  it('words sweep errors with the field names the form shows', () => {
    const form = { ...defaultForm('ema-rsi', NOW), sweepFrom: '10', sweepTo: '5' };
    expect(checkSweep(form)).toEqual({ ok: false, errors: { sweepTo: 'Last value must not be below the first value' } });
  });

  it('sets the form to a reopened run: the same inputs check out to the run\'s params and costs', async () => {
    const config = { ...BTC_CONFIG, makerFee: 0.0007, slippageBps: 3, initialQuote: 2500 };
    const { report } = await backtestReport(btcColumns(300), strategyEntry('ema-rsi').bind({ fastPeriod: 7, rsiExit: 85.5 }), config);
    const form = formOfRun(backtestRecord(report), defaultForm('bollinger-reversion', NOW));
    expect(form).toMatchObject({ strategyId: 'ema-rsi', symbol: 'BTCUSDT', interval: '1m', makerFeePct: '0.07', slippageBps: '3', initialQuote: '2500', sweepParam: 'fastPeriod' });
    expect(form.fromDate).toBe(new Date(report.dataset.from).toISOString().slice(0, 10));
    const checked = checkRunInputs(form, rules, NOW);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    expect(checked.value.params).toEqual(report.params);
    expect(checked.value.config).toMatchObject({ takerFee: 0.001, slippageBps: 3, initialQuote: 2500 });
    // Percent text back to a fraction: 0.07 / 100 is 0.0007 within a double's rounding.
    expect(checked.value.config.makerFee).toBeCloseTo(0.0007, 15);
  });
});
