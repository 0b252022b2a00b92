import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../shared/backtest/index.ts';
import { STRATEGY_IDS, strategyEntry } from '../../shared/strategy/index.ts';
import { createBacktestWorkerApi, type BacktestWorkerApi } from './backtest-worker-api.ts';
import { chunkCandidates, sweepCandidates, SweepRangeSchema } from './sweep-grid.ts';
import { poolSize, runSweep, type SweepWorker } from './worker-pool.ts';
import { BTC_CONFIG, btcColumns, metricBits } from '../../shared/backtest/test-dataset.ts';
import type { Progress } from './worker-messages.ts';

const cols = btcColumns(2000);

function loadedWorkers(n: number): SweepWorker[] {
  return Array.from({ length: n }, () => {
    const api = createBacktestWorkerApi();
    api.loadDataset({ datasetId: 'd', columns: cols });
    return api;
  });
}

describe('sweep grid', () => {
  it('steps one parameter over an inclusive range without float drift', () => {
    const range = SweepRangeSchema.parse({ param: 'rsiEntryMax', from: 60, to: 61, step: 0.1 });
    const values = sweepCandidates({ fastPeriod: 9 }, range).map((c) => c.rsiEntryMax);
    expect(values).toEqual([60, 60.1, 60.2, 60.3, 60.4, 60.5, 60.6, 60.7, 60.8, 60.9, 61]);
    expect(sweepCandidates({ fastPeriod: 9 }, range)[3]).toEqual({ fastPeriod: 9, rsiEntryMax: 60.3 });
  });

  it('rejects empty, reversed and oversized ranges with messages', () => {
    const issue = (input: unknown) => SweepRangeSchema.safeParse(input).error?.issues[0]?.message;
    expect(issue({ param: 'fastPeriod', from: 10, to: 5, step: 1 })).toBe('Last value must not be below the first value');
    expect(issue({ param: 'fastPeriod', from: 1, to: 5, step: 0 })).toBe('Step must be greater than 0');
    expect(issue({ param: 'fastPeriod', from: 1, to: 5000, step: 1 })).toBe('Too many candidates (at most 500); make the step larger');
  });

  it('chunks into about four pieces per worker, covering every candidate once in order', () => {
    const items = Array.from({ length: 37 }, (_, i) => i);
    const chunks = chunkCandidates(items, 3);
    // 37 over 3 workers x 4 chunks: size ceil(37 / 12) = 4, so 10 chunks, the last one short.
    expect(chunks.map((c) => c.length)).toEqual([4, 4, 4, 4, 4, 4, 4, 4, 4, 1]);
    expect(chunks.flat()).toEqual(items);
    expect(chunkCandidates([1, 2], 8)).toEqual([[1], [2]]);
  });

  it('sizes the pool from hardwareConcurrency, at least one', () => {
    expect(poolSize(8)).toBe(8);
    expect(poolSize(0)).toBe(1);
    expect(poolSize(undefined)).toBe(1);
  });
});

describe('runSweep over a pool', () => {
  const candidates = Array.from({ length: 12 }, (_, i) => ({ fastPeriod: 3 + i }));
  const request = { datasetId: 'd', strategyId: 'ema-rsi', candidates, config: BTC_CONFIG };

  it('returns every candidate in order with the engine metrics, whatever worker ran it, and counts progress up to the total', async () => {
    const progress: Progress[] = [];
    const points = await runSweep(loadedWorkers(3), { jobId: 'j1', request, onProgress: (p) => progress.push(p) });
    expect(points.map((p) => p.params.fastPeriod)).toEqual(candidates.map((c) => c.fastPeriod));
    const quiet = { ...BTC_CONFIG, recordSeries: false };
    expect(points[7]!.metrics).toEqual(runBacktest(cols, strategyEntry('ema-rsi').bind(candidates[7]), quiet).metrics);
    expect(progress[0]).toEqual({ phase: 'sweep', done: 0, total: 12 });
    expect(progress.at(-1)).toEqual({ phase: 'sweep', done: 12, total: 12 });
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it.each(STRATEGY_IDS)('gives %s candidates, sharing indicator series across chunks and workers, the metrics of independent runs bit for bit', async (id) => {
    const grids: Record<string, Record<string, unknown>[]> = {
      'ema-rsi': [5, 9, 12].flatMap((fastPeriod) => [13, 26].flatMap((slowPeriod) => [60, 75].map((rsiEntryMax) => ({ fastPeriod, slowPeriod, rsiEntryMax })))),
      'bollinger-reversion': [10, 20].flatMap((period) => [1.5, 2, 3].flatMap((stdDev) => ['middle', 'upper'].map((exitAt) => ({ period, stdDev, exitAt })))),
      'donchian-atr': [10, 20].flatMap((entryPeriod) => [5, 10].flatMap((exitPeriod) => [1, 3].map((atrMultiple) => ({ entryPeriod, exitPeriod, atrMultiple })))),
    };
    const sweepCandidates = grids[id]!;
    const points = await runSweep(loadedWorkers(2), { jobId: `same-${id}`, request: { ...request, strategyId: id, candidates: sweepCandidates } });
    const quiet = { ...BTC_CONFIG, recordSeries: false };
    const independent = sweepCandidates.map((params) => ({ params, metrics: metricBits(runBacktest(cols, strategyEntry(id).bind(params), quiet).metrics), error: null }));
    expect(points.map((p) => ({ ...p, metrics: p.metrics && metricBits(p.metrics) }))).toEqual(independent);
    expect(independent.filter((p) => p.metrics.tradeCount !== metricBits(runBacktest(cols, strategyEntry(id).bind({}), quiet).metrics).tradeCount).length).toBeGreaterThan(0);
  });

  it('stops handing out work and rejects as cancelled when aborted mid-sweep', async () => {
    const controller = new AbortController();
    let maxDone = 0;
    const job = runSweep(loadedWorkers(2), {
      jobId: 'j2',
      request: { ...request, candidates: Array.from({ length: 80 }, (_, i) => ({ fastPeriod: 2 + (i % 20) })) },
      signal: controller.signal,
      onProgress: (p) => {
        maxDone = Math.max(maxDone, p.done);
        if (p.done >= 4) controller.abort();
      },
    });
    await expect(job).rejects.toThrow('sweep j2 cancelled');
    expect(maxDone).toBeLessThan(20);
  });

  it('fails the whole sweep when a worker fails, with that worker error', async () => {
    const [good] = loadedWorkers(1);
    const fresh = createBacktestWorkerApi();
    await expect(runSweep([good!, fresh], { jobId: 'j3', request })).rejects.toThrow(/dataset d is not loaded/);
  });

  it('drives remote workers over comlink with proxied progress', async () => {
    const channels = [new MessageChannel(), new MessageChannel()];
    const remotes = channels.map(({ port1, port2 }) => {
      Comlink.expose(createBacktestWorkerApi(), port1 as unknown as Comlink.Endpoint);
      return Comlink.wrap<BacktestWorkerApi>(port2 as unknown as Comlink.Endpoint);
    });
    try {
      await Promise.all(remotes.map((r) => r.loadDataset({ datasetId: 'd', columns: btcColumns(2000) })));
      let last: Progress | null = null;
      const points = await runSweep(remotes, { jobId: 'j4', request, onProgress: (p) => (last = p) });
      expect(points).toHaveLength(12);
      expect(points.every((p) => p.error === null)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(last).toEqual({ phase: 'sweep', done: 12, total: 12 });
    } finally {
      remotes.forEach((r) => r[Comlink.releaseProxy]());
      channels.forEach(({ port1, port2 }) => {
        port1.close();
        port2.close();
      });
    }
  });
});
