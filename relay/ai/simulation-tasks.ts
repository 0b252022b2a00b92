import { z } from 'zod';
import { CandleColumnsSchema, type CandleColumns } from '../../shared/backtest/candle-columns.ts';
import { compareParams } from '../../shared/backtest/compare.ts';
import { backtestReport, simulationRunOf } from '../../shared/backtest/report.ts';
import { BacktestConfigSchema, ComparisonConfigSchema, ComparisonReportSchema, SimulationRunSchema, StrategyParamsSchema } from '../../shared/backtest/schemas.ts';
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

export const SimulationTaskSchema = z.discriminatedUnion('kind', [CompareTaskSchema]);
/** The columns may sit on a SharedArrayBuffer, which the schema's Float64Array check accepts too. */
export type SimulationTask = Omit<z.infer<typeof SimulationTaskSchema>, 'cols'> & { cols: CandleColumns };

export const SimulationTaskResultSchema = z.discriminatedUnion('kind', [z.object({
    kind: z.literal('compare'),
    report: ComparisonReportSchema,
    /** The candidate over the whole range with the comparison's verdict: the `run` of its SimulationRecord. */
    run: SimulationRunSchema,
  }),]);
export type SimulationTaskResult = z.infer<typeof SimulationTaskResultSchema>;

export const WorkerRequestSchema = z.object({ id: z.number().int(), task: SimulationTaskSchema });
export const WorkerReplySchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), result: SimulationTaskResultSchema }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: z.string() }),
]);
export type WorkerReply = z.infer<typeof WorkerReplySchema>;

/** Pure: one task on the shared engine, the same code whether it runs in a worker or not. */
export function runSimulationTask(task: SimulationTask): SimulationTaskResult {
  const entry = strategyEntry(task.strategyId);
  const candidate = entry.bind(task.candidateParams);
  const report = compareParams(task.cols, entry.bind(task.baselineParams), candidate, task.config, task.comparison);
  const whole = backtestReport(task.cols, candidate, { ...task.config, recordSeries: false }).report;
  return { kind: 'compare', report, run: simulationRunOf(whole, report.verdict, report.reasons) };
}
