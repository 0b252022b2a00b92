import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { columnsFromCandles } from './candle-columns.ts';
import { compareParams, recomputeVerdict } from './compare.ts';
import { BacktestConfigSchema, ComparisonConfigSchema, ComparisonReportSchema } from './schemas.ts';
import { strategyEntryOf } from '../strategy/registry.ts';
import { NO_INTENTS, type Strategy } from '../strategy/strategy.ts';

/** Holds the asset from the first candle when `hold`, else stays flat: the smallest strategy whose params matter. */
const holdOrNot: Strategy<{ hold: boolean }, { hold: boolean; done: boolean }> = {
  id: 'hold-or-not',
  version: '1',
  name: 'Hold or not',
  description: 'buys once and holds when hold=true',
  orderTags: {},
  paramsSchema: z.object({ hold: z.boolean().default(false) }),
  indicators: () => [],
  warmupBars: () => 0,
  init: ({ hold }) => ({ hold, done: false }),
  step(state, _candle, position) {
    if (!state.hold || state.done || position.base > 0) return { state, intents: NO_INTENTS };
    state.done = true;
    return { state, intents: [{ type: 'market', side: 'buy', fraction: 1 }] };
  },
};
const entry = strategyEntryOf(holdOrNot);
const baseline = { hold: false };
const candidate = { hold: true };

/** 2024-06-01T00:00Z: candle times must be real milliseconds, not a count from 1970. */
const T0 = Date.UTC(2024, 5, 1);

/** Candles whose close follows `trend(i)` with a small wiggle so returns have a spread. */
function series(n: number, trend: (i: number) => number) {
  return columnsFromCandles(
    Array.from({ length: n }, (_, i) => {
      const close = trend(i) * (1 + 0.0005 * Math.sin(i));
      const open = i === 0 ? close : trend(i - 1) * (1 + 0.0005 * Math.sin(i - 1));
      return { openTime: T0 + i * 60_000, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 };
    }),
  );
}

const config = BacktestConfigSchema.parse({
  symbol: 'TESTUSDT',
  interval: '1m',
  instrument: { symbol: 'TESTUSDT', tickSize: '0.0001', basePrecision: '0.0001', minOrderQty: '0.0001', maxOrderQty: '1000000', minOrderAmt: '1', maxOrderAmt: '100000000' },
});
const cmp = ComparisonConfigSchema.parse({ minTrades: 1 });

describe('baseline vs candidate comparison', () => {
  it('calls a candidate better when it wins out of sample and in most k folds', async () => {
    const report = await compareParams(series(2000, (i) => 100 + i * 0.05), entry, baseline, candidate, config, cmp);
    expect(ComparisonReportSchema.parse(report)).toEqual(report);
    expect(report.verdict).toBe('better');
    expect(report.overfitting).toBe(false);
    expect(report.kFolds.every((f) => f.candidateBetter)).toBe(true);
  });

  it('calls a candidate worse when it loses out of sample and in the k folds', async () => {
    const report = await compareParams(series(2000, (i) => 200 - i * 0.05), entry, baseline, candidate, config, cmp);
    expect(report.verdict).toBe('worse');
    expect(report.overfitting).toBe(false);
  });

  it('flags overfitting when the in-sample gain does not carry over', async () => {
    // Rises through the in-sample 70%, then falls.
    const report = await compareParams(series(2000, (i) => (i < 1400 ? 100 + i * 0.05 : 170 - (i - 1400) * 0.05)), entry, baseline, candidate, config, cmp);
    expect(report.overfitting).toBe(true);
    expect(report.verdict).not.toBe('better');
    expect(report.reasons.some((r) => r.startsWith('overfitting'))).toBe(true);
    expect(report.splitTime).toBe(T0 + 1400 * 60_000);
  });

  it('is inconclusive when both parameter sets behave the same', async () => {
    const report = await compareParams(series(2000, (i) => 100 + i * 0.05), entry, candidate, candidate, config, cmp);
    expect(report.verdict).toBe('inconclusive');
    expect(report.reasons).toContain('out-of-sample difference is within the noise floor');
  });

  it('recomputes a stored report to its own verdict, and to another one when its numbers or thresholds change', async () => {
    const report = await compareParams(series(2000, (i) => 100 + i * 0.05), entry, baseline, candidate, config, cmp);
    const stored = ComparisonReportSchema.parse(JSON.parse(JSON.stringify(report)));
    const again = recomputeVerdict(stored);
    expect(again).toMatchObject({ verdict: stored.verdict, overfitting: stored.overfitting, walkForwardOverfitting: stored.walkForward.overfitting, reasons: stored.reasons });
    expect(again.kFoldsWon).toEqual(stored.kFolds.map((f) => f.candidateBetter));
    expect(again.walkForwardEfficiency).toBe(stored.walkForward.efficiency);
    expect(stored.verdict).toBe('better');

    // The candidate's out-of-sample score falls to the baseline's: no longer better.
    const flat = { ...stored.outOfSample, candidate: { ...stored.outOfSample.candidate, sharpe: stored.outOfSample.baseline.sharpe } };
    expect(recomputeVerdict({ ...stored, outOfSample: flat })).toMatchObject({ verdict: 'inconclusive', reasons: expect.arrayContaining(['out-of-sample difference is within the noise floor']) });
    // Same numbers, stricter recorded thresholds.
    const deeper = { ...stored.outOfSample, candidate: { ...stored.outOfSample.candidate, maxDrawdown: stored.outOfSample.baseline.maxDrawdown + 0.03 } };
    expect(recomputeVerdict({ ...stored, outOfSample: deeper }).verdict).toBe('better');
    const strict = recomputeVerdict({ ...stored, outOfSample: deeper, config: { ...stored.config, drawdownTolerance: 0.02 } });
    expect(strict.verdict).toBe('inconclusive');
    expect(strict.reasons).toContain('not better: out-of-sample max drawdown deeper by 3.00% (more than 2.00%)');
    expect(recomputeVerdict({ ...stored, config: { ...stored.config, minTrades: 1000 } }).verdict).toBe('inconclusive');
    // Walk-forward: the re-fit keeps too little of its in-sample score out of sample.
    const wf = stored.walkForward;
    const meanInSample = wf.windows.reduce((sum, w) => sum + w.inSample.sharpe, 0) / wf.windows.length;
    expect(meanInSample).toBeGreaterThan(0);
    const weakOos = { ...wf, stitched: { ...wf.stitched, fitted: { ...wf.stitched.fitted, sharpe: meanInSample * 0.4 } } };
    const judged = recomputeVerdict({ ...stored, walkForward: weakOos });
    expect(judged.walkForwardOverfitting).toBe(true);
    expect(judged.reasons.some((r) => r.startsWith('walk-forward overfitting: re-fitted params keep 40.00%'))).toBe(true);
  });
});
