import * as Comlink from 'comlink';
import {
  assertValidColumns,
  backtestMany,
  backtestReport,
  checkCandleSpacing,
  compareParams,
  datasetHash,
  DatasetIndicators,
  type BacktestConfig,
  type BacktestReport,
  type CandleColumns,
  type ComparisonReport,
  type Metrics,
} from '../../shared/backtest/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import {
  BacktestRequestSchema,
  CompareRequestSchema,
  LoadDatasetSchema,
  parseAtBoundary,
  SimulationCancelledError,
  SweepRequestSchema,
  type ProgressCallback,
} from './worker-messages.ts';

/** One backtest with the per-candle series the equity and drawdown charts draw. */
export interface BacktestOutput {
  report: BacktestReport;
  /** Candle open times (ms) of the trading window, aligned with equity and drawdown. */
  time: Float64Array;
  equity: Float64Array;
  drawdown: Float64Array;
  /** Buy-and-hold equity over the same window, from the same start balance and costs. */
  benchmark: Float64Array;
}

export interface CompareOutput {
  comparison: ComparisonReport;
  /** Both sides over the whole range, for the charts and the stored SimulationRun. */
  baseline: BacktestOutput;
  candidate: BacktestOutput;
}

export type SweepPoint = { params: Record<string, unknown>; metrics: Metrics; error: null } | { params: Record<string, unknown>; metrics: null; error: string };

/** Datasets kept per worker: the current one and the one before, for a quick re-run. */
const MAX_DATASETS = 2;

/**
 * A sweep yields to the message loop after this much work, so a `cancel` is seen within about
 * that long; yielding per candidate instead would cost a timer tick (4 ms in browsers) each.
 */
const SWEEP_SLICE_MS = 50;

const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A loaded dataset and the indicator series its sweeps computed, kept for the next chunk and sweep. */
interface LoadedDataset {
  columns: CandleColumns;
  indicators: DatasetIndicators;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * What a backtest worker exposes over comlink; also called directly by tests. Candles are loaded
 * once per dataset (a sweep runs many candidates on them), every request is zod-checked here
 * because comlink carries any structured-clonable value.
 */
export function createBacktestWorkerApi() {
  const datasets = new Map<string, LoadedDataset>();
  const cancelled = new Set<string>();

  const loaded = (id: string): LoadedDataset => {
    const found = datasets.get(id);
    if (!found) throw new Error(`dataset ${id} is not loaded in this worker; call loadDataset first`);
    return found;
  };
  const dataset = (id: string): CandleColumns => loaded(id).columns;

  const backtest = async (cols: CandleColumns, strategyId: string, params: unknown, config: BacktestConfig): Promise<BacktestOutput> => {
    const { report, result, benchmark } = await backtestReport(cols, strategyEntry(strategyId).bind(params), { ...config, recordSeries: true });
    return {
      report,
      time: cols.openTime.slice(result.start, result.end),
      equity: result.equity ?? new Float64Array(0),
      drawdown: result.drawdown ?? new Float64Array(0),
      benchmark: benchmark.equity,
    };
  };

  const transferable = (out: BacktestOutput) => [out.time.buffer, out.equity.buffer, out.drawdown.buffer, out.benchmark.buffer] as ArrayBuffer[];

  return {
    /** Validates and keeps candles; returns their count and the hash a SimulationRun will name. */
    async loadDataset(request: unknown): Promise<{ candles: number; hash: string }> {
      const { datasetId, columns } = parseAtBoundary(LoadDatasetSchema, request, 'dataset');
      assertValidColumns(columns);
      datasets.delete(datasetId);
      datasets.set(datasetId, { columns, indicators: new DatasetIndicators(columns) });
      while (datasets.size > MAX_DATASETS) datasets.delete(datasets.keys().next().value!);
      return { candles: columns.length, hash: await datasetHash(columns) };
    },

    releaseDataset(datasetId: string): void {
      datasets.delete(datasetId);
    },

    async runBacktest(request: unknown, onProgress?: ProgressCallback): Promise<BacktestOutput> {
      const req = parseAtBoundary(BacktestRequestSchema, request, 'backtest request');
      const cols = dataset(req.datasetId);
      onProgress?.({ phase: 'backtest', done: 0, total: 1 });
      const out = await backtest(cols, req.strategyId, req.params, req.config);
      onProgress?.({ phase: 'backtest', done: 1, total: 1 });
      return Comlink.transfer(out, transferable(out));
    },

    async compare(request: unknown, onProgress?: ProgressCallback): Promise<CompareOutput> {
      const req = parseAtBoundary(CompareRequestSchema, request, 'comparison request');
      const cols = dataset(req.datasetId);
      const total = 3;
      onProgress?.({ phase: 'baseline', done: 0, total });
      const baseline = await backtest(cols, req.strategyId, req.baselineParams, req.config);
      onProgress?.({ phase: 'candidate', done: 1, total });
      const candidate = await backtest(cols, req.strategyId, req.candidateParams, req.config);
      onProgress?.({ phase: 'in-sample / out-of-sample / k folds / walk-forward re-fits', done: 2, total });
      const comparison = await compareParams(cols, strategyEntry(req.strategyId), req.baselineParams, req.candidateParams, req.config, req.comparison);
      onProgress?.({ phase: 'done', done: 3, total });
      return Comlink.transfer({ comparison, baseline, candidate }, [...transferable(baseline), ...transferable(candidate)]);
    },

    /**
     * Runs candidates one after another through `backtestMany` with the dataset's shared
     * indicator series (each distinct series is computed once per worker and dataset, for this
     * chunk and the next ones), yielding to the message loop every SWEEP_SLICE_MS so a
     * `cancel(jobId)` sent meanwhile is seen; a cancelled job throws SimulationCancelledError.
     * Invalid candidates (e.g. fast period not below slow) are reported, not fatal.
     */
    async sweep(jobId: string, request: unknown, onProgress?: ProgressCallback): Promise<SweepPoint[]> {
      const req = parseAtBoundary(SweepRequestSchema, request, 'sweep request');
      const { columns: cols, indicators } = loaded(req.datasetId);
      // Single runs check this in backtestReport; a sweep only reads metrics, so it checks once here.
      checkCandleSpacing(cols, req.config.interval);
      const entry = strategyEntry(req.strategyId);
      const points: SweepPoint[] = [];
      let sliceStart = -Infinity;
      try {
        for (const params of req.candidates) {
          if (performance.now() - sliceStart >= SWEEP_SLICE_MS) {
            await yieldToMessages();
            sliceStart = performance.now();
          }
          if (cancelled.has(jobId)) throw new SimulationCancelledError(`sweep ${jobId} cancelled`);
          try {
            // Checked here so an invalid candidate is reported in its own words, not as backtestMany's "candidate 0".
            entry.parseParams(params);
            points.push({ params, metrics: backtestMany(cols, entry, [params], req.config, {}, indicators)[0]!, error: null });
          } catch (err) {
            points.push({ params, metrics: null, error: errorText(err) });
          }
          onProgress?.({ phase: 'sweep', done: points.length, total: req.candidates.length });
        }
        return points;
      } finally {
        cancelled.delete(jobId);
      }
    },

    cancel(jobId: string): void {
      cancelled.add(jobId);
    },
  };
}

export type BacktestWorkerApi = ReturnType<typeof createBacktestWorkerApi>;
