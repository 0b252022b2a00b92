import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { backtestReport, compareParams, ComparisonConfigSchema, datasetHash, runBacktest } from '../../shared/backtest/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { createBacktestWorkerApi, type BacktestWorkerApi } from './backtest-worker-api.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import type { Progress } from './worker-messages.ts';

const cols = btcColumns(4000);
const emaRsi = strategyEntry('ema-rsi');

describe('backtest worker api (called directly)', () => {
  it('runs one backtest equal to the shared engine, with aligned equity and drawdown series', async () => {
    const api = createBacktestWorkerApi();
    expect(await api.loadDataset({ datasetId: 'd1', columns: cols })).toEqual({ candles: 4000, hash: await datasetHash(cols) });
    const progress: Progress[] = [];
    const out = await api.runBacktest({ datasetId: 'd1', strategyId: 'ema-rsi', params: { fastPeriod: 9 }, config: BTC_CONFIG }, (p) => progress.push(p));
    const expected = (await backtestReport(cols, emaRsi.bind({ fastPeriod: 9 }), BTC_CONFIG)).report;
    expect(out.report).toEqual(expected);
    expect(out.report.metrics.tradeCount).toBeGreaterThan(0);
    expect(out.time.length).toBe(out.equity.length);
    expect(out.drawdown.length).toBe(out.equity.length);
    expect(out.equity.at(-1)).toBeCloseTo(expected.metrics.finalEquity, 6);
    expect(progress.at(-1)).toEqual({ phase: 'backtest', done: 1, total: 1 });
  });

  it('compares baseline and candidate like compareParams, with both full-range runs', async () => {
    const api = createBacktestWorkerApi();
    await api.loadDataset({ datasetId: 'd1', columns: cols });
    const comparison = ComparisonConfigSchema.parse({ inSampleFraction: 0.6, kFolds: 3, walkForward: { windows: 2, candidates: 4 } });
    const out = await api.compare({ datasetId: 'd1', strategyId: 'ema-rsi', baselineParams: {}, candidateParams: { fastPeriod: 5, slowPeriod: 40 }, config: BTC_CONFIG, comparison });
    const expected = await compareParams(cols, emaRsi, {}, { fastPeriod: 5, slowPeriod: 40 }, BTC_CONFIG, comparison);
    expect(out.comparison).toEqual(expected);
    expect(out.comparison.splitTime).toBe(cols.openTime[2400]);
    expect(out.candidate.report.params).toMatchObject({ fastPeriod: 5, slowPeriod: 40 });
    expect(out.baseline.report.params).toMatchObject({ fastPeriod: 12, slowPeriod: 26 });
  });

  it('rejects bad input with a message naming the problem', async () => {
    const api = createBacktestWorkerApi();
    await expect(api.loadDataset({ datasetId: 'd1', columns: { ...cols, close: [1, 2] } })).rejects.toThrow(/invalid dataset: .*Float64Array/s);
    await expect(api.runBacktest({ datasetId: 'nope', strategyId: 'ema-rsi', params: {}, config: BTC_CONFIG })).rejects.toThrow(/dataset nope is not loaded/);
    await api.loadDataset({ datasetId: 'd1', columns: cols });
    await expect(api.runBacktest({ datasetId: 'd1', strategyId: 'ema-rsi', params: { fastPeriod: 30 }, config: BTC_CONFIG })).rejects.toThrow(
      /Fast EMA period must be shorter than the slow EMA period/,
    );
    await expect(api.runBacktest({ datasetId: 'd1', strategyId: 'macd-magic', params: {}, config: BTC_CONFIG })).rejects.toThrow(/unknown strategy "macd-magic"/);
    // A misspelt key is refused, not dropped in favour of the defaults.
    await expect(api.runBacktest({ datasetId: 'd1', strategyId: 'ema-rsi', params: { fastPeriode: 9 }, config: BTC_CONFIG })).rejects.toThrow(
      /unknown param "fastPeriode"; valid params: fastPeriod, slowPeriod/,
    );
    const comparison = { inSampleFraction: 0.6, kFolds: 3 };
    await expect(api.compare({ datasetId: 'd1', strategyId: 'ema-rsi', baselineParams: {}, candidateParams: { slowPeriode: 40 }, config: BTC_CONFIG, comparison })).rejects.toThrow(
      /unknown param "slowPeriode"/,
    );
    // 1m candles run as 1h would annualise Sharpe by the wrong interval.
    await expect(api.runBacktest({ datasetId: 'd1', strategyId: 'ema-rsi', params: {}, config: { ...BTC_CONFIG, interval: '1h' } })).rejects.toThrow(
      'candles are 1m apart but the interval is 1h',
    );
    await expect(api.runBacktest({ datasetId: 'd1', strategyId: 'ema-rsi', params: {}, config: { ...BTC_CONFIG, takerFee: 0.5 } })).rejects.toThrow(
      /invalid backtest request: .*takerFee/s,
    );
  });

  it('sweeps candidates, reports invalid ones instead of failing, and stops on cancel between candidates', async () => {
    const api = createBacktestWorkerApi();
    await api.loadDataset({ datasetId: 'd1', columns: cols });
    const candidates = [{ fastPeriod: 5 }, { fastPeriod: 10 }, { fastPeriod: 30 }, { fastPeriode: 9 }];
    const points = await api.sweep('job-1', { datasetId: 'd1', strategyId: 'ema-rsi', candidates, config: BTC_CONFIG });
    expect(points.map((p) => p.error === null)).toEqual([true, true, false, false]);
    expect(points[3]!.error).toMatch(/unknown param "fastPeriode"/);
    expect(points[0]!.metrics).toEqual(runBacktest(cols, emaRsi.bind({ fastPeriod: 5 }), { ...BTC_CONFIG, recordSeries: false }).metrics);
    expect(points[2]!.error).toMatch(/Fast EMA period must be shorter than the slow EMA period/);

    const many = Array.from({ length: 50 }, (_, i) => ({ fastPeriod: 2 + (i % 20) }));
    let seen = 0;
    const job = api.sweep('job-2', { datasetId: 'd1', strategyId: 'ema-rsi', candidates: many, config: BTC_CONFIG }, (p) => {
      seen = p.done;
      if (p.done === 3) api.cancel('job-2');
    });
    await expect(job).rejects.toThrow('sweep job-2 cancelled');
    await expect(api.sweep('job-3', { datasetId: 'd1', strategyId: 'ema-rsi', candidates, config: { ...BTC_CONFIG, interval: '5m' } })).rejects.toThrow(
      'candles are 1m apart but the interval is 5m',
    );
    expect(seen).toBe(3);
  });
});

describe('backtest worker over comlink (MessageChannel)', () => {
  it('round-trips a dataset, a backtest with progress callbacks, a comparison and worker errors', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createBacktestWorkerApi(), port1 as unknown as Comlink.Endpoint);
    const remote = Comlink.wrap<BacktestWorkerApi>(port2 as unknown as Comlink.Endpoint);
    try {
      const copy = btcColumns(3000);
      const loaded = await remote.loadDataset({ datasetId: 'd1', columns: copy });
      expect(loaded.hash).toBe(await datasetHash(copy));
      const progress: Progress[] = [];
      const out = await remote.runBacktest(
        { datasetId: 'd1', strategyId: 'bollinger-reversion', params: { period: 30 }, config: BTC_CONFIG },
        Comlink.proxy((p: Progress) => progress.push(p)),
      );
      expect(out.equity).toBeInstanceOf(Float64Array);
      expect(out.report).toEqual((await backtestReport(copy, strategyEntry('bollinger-reversion').bind({ period: 30 }), BTC_CONFIG)).report);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(progress.map((p) => p.done)).toEqual([0, 1]);

      const cmp = await remote.compare({
        datasetId: 'd1',
        strategyId: 'donchian-atr',
        baselineParams: {},
        candidateParams: { entryPeriod: 40 },
        config: BTC_CONFIG,
        comparison: { walkForward: { windows: 2, candidates: 4 } },
      });
      expect(['better', 'worse', 'inconclusive']).toContain(cmp.comparison.verdict);
      expect(cmp.comparison.reasons.length).toBeGreaterThan(0);

      await expect(remote.runBacktest({ datasetId: 'd1', strategyId: 'ema-rsi', params: { rsiExit: 200 }, config: BTC_CONFIG })).rejects.toThrow(/rsiExit/);
    } finally {
      remote[Comlink.releaseProxy]();
      port1.close();
      port2.close();
    }
  });
});
