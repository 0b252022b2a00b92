import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { simulationRunOf, type ComparisonConfig } from '../../shared/backtest/index.ts';
import type { Candle } from '../../shared/market/index.ts';
import { comparisonRecord, type SimulationRecord } from '../../shared/simulations/index.ts';
import { browserCandleCache } from '../cache/browser-candle-cache.ts';
import type { BacktestOutput, CompareOutput, SweepPoint } from './backtest-worker-api.ts';
import { loadSimulationDataset } from './simulation-dataset.ts';
import { simulationRepository } from './browser-simulation-repository.ts';
import type { StoredRun } from './simulation-db.ts';
import { recentRunsQueryKey } from './run-queries.ts';
import { checkSameDataset, metricsDrift, reopenPlan } from './reopen-run.ts';
import type { RunInputs } from './simulation-form.ts';
import { SimulationRunner } from './simulation-runner.ts';
import { sweepCandidates, type SweepRange } from './sweep-grid.ts';
import { poolSize } from './worker-pool.ts';
import { SimulationCancelledError, type Progress } from './worker-messages.ts';

/** `reopened`: a past run shown again (re-run on its own candles), not a new one. */
export type SimulationResult =
  | { kind: 'backtest'; inputs: RunInputs; candles: Candle[]; output: BacktestOutput; stored: StoredRun; reopened: boolean }
  | { kind: 'comparison'; inputs: RunInputs; candles: Candle[]; output: CompareOutput; stored: StoredRun; reopened: boolean }
  | { kind: 'sweep'; inputs: RunInputs; range: SweepRange; points: SweepPoint[] };

export interface JobState {
  running: boolean;
  progress: Progress | null;
  error: string | null;
  warning: string | null;
  /** Wall time of the last finished job, for the status line. */
  elapsedMs: number | null;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Loads candles, runs jobs on the workers, persists runs; one job at a time, cancellable. */
export function useSimulationJobs() {
  const runnerRef = useRef<SimulationRunner | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [job, setJob] = useState<JobState>({ running: false, progress: null, error: null, warning: null, elapsedMs: null });
  const [result, setResult] = useState<SimulationResult | null>(null);
  const queryClient = useQueryClient();

  useEffect(() => {
    return () => {
      abortRef.current?.abort();
      runnerRef.current?.dispose();
      runnerRef.current = null;
    };
  }, []);

  const start = useCallback(
    async (
      inputs: RunInputs,
      work: (ctx: {
        runner: SimulationRunner;
        signal: AbortSignal;
        onProgress: (p: Progress) => void;
        dataset: Awaited<ReturnType<typeof loadSimulationDataset>>;
        /** Since the job started, ms: recorded with the run (the relay's simulation-duration metric). */
        elapsedMs: () => number;
        warn: (w: string) => void;
      }) => Promise<SimulationResult>,
    ) => {
      runnerRef.current ??= new SimulationRunner();
      const controller = new AbortController();
      abortRef.current = controller;
      const started = performance.now();
      setJob({ running: true, progress: { phase: 'loading candles', done: 0, total: 1 }, error: null, warning: null, elapsedMs: null });
      try {
        const dataset = await loadSimulationDataset(browserCandleCache(), inputs.symbol, inputs.interval, inputs.from, inputs.to);
        if (controller.signal.aborted) throw new SimulationCancelledError('cancelled');
        const warnings: string[] = dataset.fetchWarning ? [dataset.fetchWarning] : [];
        const next = await work({
          runner: runnerRef.current,
          signal: controller.signal,
          onProgress: (p) => setJob((j) => ({ ...j, progress: p })),
          dataset,
          elapsedMs: () => performance.now() - started,
          warn: (w) => warnings.push(w),
        });
        setResult(next);
        setJob({ running: false, progress: null, error: null, warning: warnings.length > 0 ? warnings.join('; ') : null, elapsedMs: performance.now() - started });
        // A finished backtest or comparison was saved: the Recent runs list re-reads IndexedDB.
        await queryClient.invalidateQueries({ queryKey: recentRunsQueryKey });
      } catch (err) {
        const cancelled = err instanceof SimulationCancelledError || (err as Error | null)?.name === 'SimulationCancelledError';
        setJob({ running: false, progress: null, error: cancelled ? null : errorText(err), warning: cancelled ? 'cancelled' : null, elapsedMs: null });
      } finally {
        if (abortRef.current === controller) abortRef.current = null;
      }
    },
    [queryClient],
  );

  const backtestRecord = (run: SimulationRecord['run'], elapsedMs: number): SimulationRecord => ({
    runId: crypto.randomUUID(),
    kind: 'backtest',
    createdAt: new Date().toISOString(),
    run,
    baselineParams: null,
    overfitting: null,
    inSampleFraction: null,
    durationMs: Math.round(elapsedMs),
  });

  const runBacktest = (inputs: RunInputs) =>
    start(inputs, async ({ runner, signal, onProgress, dataset, elapsedMs }) => {
      const output = await runner.backtest(dataset.columns, { datasetId: dataset.id, strategyId: inputs.strategyId, params: inputs.params, config: inputs.config }, { signal, onProgress });
      const stored = await simulationRepository().save(backtestRecord(simulationRunOf(output.report), elapsedMs()), output.report.trades);
      return { kind: 'backtest', inputs, candles: dataset.candles, output, stored, reopened: false };
    });

  const runComparison = (inputs: RunInputs, baselineParams: Record<string, unknown>, comparison: ComparisonConfig) =>
    start(inputs, async ({ runner, signal, onProgress, dataset, elapsedMs }) => {
      const output = await runner.compare(
        dataset.columns,
        { datasetId: dataset.id, strategyId: inputs.strategyId, baselineParams, candidateParams: inputs.params, config: inputs.config, comparison },
        { signal, onProgress },
      );
      const stored = await simulationRepository().save(
        comparisonRecord({
          runId: crypto.randomUUID(),
          createdAt: new Date().toISOString(),
          comparison: output.comparison,
          candidate: output.candidate.report,
          durationMs: Math.round(elapsedMs()),
        }),
        output.candidate.report.trades,
      );
      return { kind: 'comparison', inputs, candles: dataset.candles, output, stored, reopened: false };
    });

  /** Shows a past run again: re-runs it on its own candles (checked by hash) without recording a new run. */
  const reopen = (stored: StoredRun) => {
    let plan: ReturnType<typeof reopenPlan>;
    try {
      plan = reopenPlan(stored);
    } catch (err) {
      setJob((j) => ({ ...j, error: errorText(err) }));
      return Promise.resolve();
    }
    return start(plan.inputs, async ({ runner, signal, onProgress, dataset, warn }) => {
      checkSameDataset(stored, dataset.hash, dataset.candles.length);
      const job = { datasetId: dataset.id, strategyId: plan.inputs.strategyId, config: plan.inputs.config };
      const drift = (report: BacktestOutput['report']) => {
        const changed = metricsDrift(stored.run.metrics, report.metrics);
        if (changed.length > 0) warn(`the re-run differs from the recorded run in ${changed.join(', ')}`);
      };
      if (plan.comparison === null) {
        const output = await runner.backtest(dataset.columns, { ...job, params: plan.inputs.params }, { signal, onProgress });
        drift(output.report);
        return { kind: 'backtest', inputs: plan.inputs, candles: dataset.candles, output, stored, reopened: true };
      }
      const output = await runner.compare(
        dataset.columns,
        { ...job, baselineParams: plan.comparison.baselineParams, candidateParams: plan.inputs.params, comparison: plan.comparison.config },
        { signal, onProgress },
      );
      drift(output.candidate.report);
      return { kind: 'comparison', inputs: plan.inputs, candles: dataset.candles, output, stored, reopened: true };
    });
  };

  const runSweep = (inputs: RunInputs, range: SweepRange) =>
    start(inputs, async ({ runner, signal, onProgress, dataset }) => {
      const candidates = sweepCandidates(inputs.params, range);
      const points = await runner.sweep(dataset.columns, { datasetId: dataset.id, strategyId: inputs.strategyId, candidates, config: inputs.config }, { signal, onProgress });
      return { kind: 'sweep', inputs, range, points };
    });

  return {
    job,
    result,
    poolSize: poolSize(navigator.hardwareConcurrency),
    runBacktest,
    runComparison,
    runSweep,
    reopen,
    cancel: () => abortRef.current?.abort(),
    reportInvalid: (message: string) => setJob((j) => ({ ...j, error: message })),
  };
}
