import { describe, expect, it } from 'vitest';
import { runBacktest } from './engine.ts';
import { ComparisonConfigSchema, MetricsSchema } from './schemas.ts';
import { stitchWindowMetrics } from './stitch-windows.ts';
import { BTC_CONFIG, btcColumns } from './test-dataset.ts';
import { walkForward, walkForwardEfficiency, walkForwardSpans } from './walk-forward.ts';
import { strategyEntry } from '../strategy/registry.ts';

const emaRsi = strategyEntry('ema-rsi');
const cmp = ComparisonConfigSchema.parse({ walkForward: { windows: 3, trainRatio: 2, candidates: 5, seed: 11 } });
const baseline = {};
const candidate = { fastPeriod: 8, slowPeriod: 30 };

describe('walk-forward', () => {
  it('splits the candles into rolling training windows, each followed by its test window, up to the last candle', () => {
    const spans = walkForwardSpans(1000, 4, 3);
    // 1000 / (4 + 3) -> test windows of 142 candles; training windows take the rest (432).
    expect(spans.map((s) => [s.train, s.test])).toEqual([
      [[0, 432], [432, 574]],
      [[142, 574], [574, 716]],
      [[284, 716], [716, 858]],
      [[426, 858], [858, 1000]],
    ]);
    expect(() => walkForwardSpans(10, 4, 3)).toThrow(/not enough candles \(10\)/);
  });

  it('re-fits on each training window and reports fitted, baseline and candidate on the unseen test window', () => {
    const cols = btcColumns(3000);
    const wf = walkForward(cols, emaRsi, baseline, candidate, BTC_CONFIG, cmp);
    expect(wf.mode).toBe('rolling');
    expect(wf.windows).toHaveLength(3);
    const onTest = (params: Record<string, unknown>, start: number, end: number) => runBacktest(cols, emaRsi.bind(params), BTC_CONFIG, { start, end }).metrics;
    for (const w of wf.windows) {
      expect(w.train.end).toBe(w.test.start);
      expect(w.test.from).toBe(cols.openTime[w.test.start]);
      expect(w.inSample).toEqual(onTest(w.fittedParams, w.train.start, w.train.end));
      expect(w.outOfSample).toEqual(onTest(w.fittedParams, w.test.start, w.test.end));
      expect(w.candidate).toEqual(onTest(candidate, w.test.start, w.test.end));
      expect(w.baseline).toEqual(onTest(baseline, w.test.start, w.test.end));
      // The baseline and candidate are among the scored candidates, so the fit is at least as good in sample.
      expect(w.inSample.sharpe).toBeGreaterThanOrEqual(onTest(candidate, w.train.start, w.train.end).sharpe);
      expect(w.candidatesScored).toBeGreaterThanOrEqual(5);
    }
    expect(wf.efficiency).toBe(walkForwardEfficiency(wf.windows, wf.stitched.fitted, 'sharpe'));
    expect(wf.overfitting).toBe(wf.efficiency !== null && wf.efficiency < cmp.walkForward.minEfficiency);
  });

  it("never lets a test window's candles, or any after them, change that window's fit (look-ahead guard)", () => {
    const cols = btcColumns(3000);
    const before = walkForward(cols, emaRsi, baseline, candidate, BTC_CONFIG, cmp);
    const first = before.windows[0]!;
    // Turn everything from the first test window on into a crash to 1 that any fit would avoid.
    const changed = btcColumns(3000);
    for (let i = first.test.start; i < changed.length; i++) changed.open[i] = changed.high[i] = changed.low[i] = changed.close[i] = 1 + (i % 7);
    const after = walkForward(changed, emaRsi, baseline, candidate, BTC_CONFIG, cmp);
    expect(after.windows[0]!.fittedParams).toEqual(first.fittedParams);
    expect(after.windows[0]!.inSample).toEqual(first.inSample);
    expect(after.windows[0]!.candidate).not.toEqual(first.candidate);

    // Candles after the last test window of a shorter range never reach any of its windows.
    const short = walkForward(btcColumns(2000), emaRsi, baseline, candidate, BTC_CONFIG, cmp);
    const longer = btcColumns(2500);
    for (let i = 2000; i < 2500; i++) longer.open[i] = longer.high[i] = longer.low[i] = longer.close[i] = 1;
    const sliced = { ...longer, length: 2000, openTime: longer.openTime.subarray(0, 2000), open: longer.open.subarray(0, 2000), high: longer.high.subarray(0, 2000), low: longer.low.subarray(0, 2000), close: longer.close.subarray(0, 2000), volume: longer.volume.subarray(0, 2000) };
    expect(walkForward(sliced, emaRsi, baseline, candidate, BTC_CONFIG, cmp)).toEqual(short);
  });

  it('stitches test windows as one account: a single window is its own metrics, two chain their equity', () => {
    const cols = btcColumns(3000);
    const a = runBacktest(cols, emaRsi.bind(candidate), BTC_CONFIG, { start: 1000, end: 2000 });
    const b = runBacktest(cols, emaRsi.bind(candidate), BTC_CONFIG, { start: 2000, end: 3000 });
    expect(stitchWindowMetrics([a], BTC_CONFIG)).toEqual(a.metrics);
    const both = MetricsSchema.parse(stitchWindowMetrics([a, b], BTC_CONFIG));
    expect(both.finalEquity).toBeCloseTo((a.metrics.finalEquity * b.metrics.finalEquity) / BTC_CONFIG.initialQuote, 6);
    expect(both.tradeCount).toBe(a.metrics.tradeCount + b.metrics.tradeCount);
    expect(both.maxDrawdown).toBeGreaterThanOrEqual(Math.max(a.metrics.maxDrawdown, b.metrics.maxDrawdown) - 1e-12);
    expect(() => stitchWindowMetrics([runBacktest(cols, emaRsi.bind(candidate), { ...BTC_CONFIG, recordSeries: false })], BTC_CONFIG)).toThrow(/equity series/);
  });

  it('measures efficiency as stitched out-of-sample over mean in-sample score (per candle for net return), null without an in-sample edge', () => {
    const m = MetricsSchema.parse({ netReturn: 0, maxDrawdown: 0, winRate: null, sharpe: 0, tradeCount: 0, profitFactor: null, exposure: 0, feesPaid: 0, finalEquity: 1, rejectedOrders: 0 });
    const span = (start: number, end: number) => ({ start, end, from: start, to: end - 1 });
    const windows = [
      { train: span(0, 300), test: span(300, 400), inSample: { ...m, sharpe: 2, netReturn: 0.3 } },
      { train: span(100, 400), test: span(400, 500), inSample: { ...m, sharpe: 4, netReturn: 0.6 } },
    ];
    expect(walkForwardEfficiency(windows, { ...m, sharpe: 1.5 }, 'sharpe')).toBe(0.5);
    // In sample 0.0015 per candle on average; out of sample 0.06 over 200 candles = 0.0003.
    expect(walkForwardEfficiency(windows, { ...m, netReturn: 0.06 }, 'netReturn')).toBeCloseTo(0.2, 12);
    expect(walkForwardEfficiency(windows.map((w) => ({ ...w, inSample: { ...w.inSample, sharpe: -1 } })), { ...m, sharpe: 1 }, 'sharpe')).toBeNull();
  });
});
