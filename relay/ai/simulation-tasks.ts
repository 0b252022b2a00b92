import { z } from 'zod';
import { CandleColumnsSchema, type CandleColumns } from '../../shared/backtest/candle-columns.ts';
import { compareParams } from '../../shared/backtest/compare.ts';
import { backtestReport } from '../../shared/backtest/report.ts';
import { BacktestConfigSchema, BacktestReportSchema, ComparisonConfigSchema, ComparisonReportSchema, MetricsSchema, ScoreMetricSchema, StrategyParamsSchema } from '../../shared/backtest/schemas.ts';
import { searchParams } from '../../shared/optimize/search-params.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';

/**
 * The work the relay hands its simulation workers, checked with zod on both sides of the thread
 * boundary: a structured clone carries any shape, so a payload is trusted only once it parses.
 */
export const CompareTaskSchema = z.object({
  kind: z.literal('compare'),
  cols: CandleColumnsSchema,
  strategyId: z.string(),
  baselineParams: StrategyParamsSchema,
  candidateParams: StrategyParamsSchema,
  config: BacktestConfigSchema,
  comparison: ComparisonConfigSchema,
});

/** The local advisor's bounded search; `cols` is the in-sample window and nothing else. */
export const SearchTaskSchema = z.object({
  kind: z.literal('search'),
  cols: CandleColumnsSchema,
  strategyId: z.string(),
  params: StrategyParamsSchema,
  config: BacktestConfigSchema,
  candidates: z.number().int().min(1).max(2000),
  seed: z.number().int().min(0).max(0xffffffff),
  score: ScoreMetricSchema,
  minTrades: z.number().int().min(0),
});

export const SimulationTaskSchema = z.discriminatedUnion('kind', [CompareTaskSchema, SearchTaskSchema]);
/** The columns may sit on a SharedArrayBuffer, which the schema's Float64Array check accepts too. */
type WithColumns<T> = T extends unknown ? Omit<T, 'cols'> & { cols: CandleColumns } : never;
export type SimulationTask = WithColumns<z.infer<typeof SimulationTaskSchema>>;

const ScoredSchema = z.object({ params: StrategyParamsSchema, metrics: MetricsSchema, score: z.number() });

export const SimulationTaskResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('compare'),
    report: ComparisonReportSchema,
    /** The candidate over the whole range: the `run` of its SimulationRecord. */
    candidate: BacktestReportSchema,
  }),
  z.object({ kind: z.literal('search'), best: ScoredSchema, current: ScoredSchema, scored: z.number().int(), refused: z.number().int() }),
]);
export type SimulationTaskResult = z.infer<typeof SimulationTaskResultSchema>;

export const WorkerRequestSchema = z.object({ id: z.number().int(), task: SimulationTaskSchema });
export const WorkerReplySchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), result: SimulationTaskResultSchema }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;

/** One task on the shared engine, the same code whether it runs in a worker or not. */
export async function runSimulationTask(task: SimulationTask): Promise<SimulationTaskResult> {
  const entry = strategyEntry(task.strategyId);
  if (task.kind === 'search') {
    const current = entry.parseParams(task.params);
    const { ranked, best, refused } = searchParams(task.cols, entry, task.config, {
      range: {},
      candidates: task.candidates,
      seed: task.seed,
      score: task.score,
      base: current,
      include: [current],
      minTrades: task.minTrades,
    });
    const scoredCurrent = ranked.find((r) => JSON.stringify(r.params) === JSON.stringify(current))!;
    return { kind: 'search', best, current: scoredCurrent, scored: ranked.length, refused };
  }
  const report = await compareParams(task.cols, entry, task.baselineParams, task.candidateParams, task.config, task.comparison);
  const { report: candidate } = await backtestReport(task.cols, entry.bind(task.candidateParams), { ...task.config, recordSeries: false });
  return { kind: 'compare', report, candidate };
}
