import { z } from 'zod';
import { BacktestConfigSchema, CandleColumnsSchema, ComparisonConfigSchema, StrategyParamsSchema } from '../../shared/backtest/index.ts';

export const LoadDatasetSchema = z.object({ datasetId: z.string().min(1), columns: CandleColumnsSchema });
export type LoadDatasetRequest = z.input<typeof LoadDatasetSchema>;

/** What every job names: the loaded dataset, the strategy and the simulation's costs. */
const JobSchema = z.object({
  datasetId: z.string().min(1),
  strategyId: z.string().min(1),
  config: BacktestConfigSchema,
});

export const BacktestRequestSchema = JobSchema.extend({ params: StrategyParamsSchema });
export type BacktestRequest = z.input<typeof BacktestRequestSchema>;

export const CompareRequestSchema = JobSchema.extend({
  baselineParams: StrategyParamsSchema,
  candidateParams: StrategyParamsSchema,
  comparison: ComparisonConfigSchema,
});
export type CompareRequest = z.input<typeof CompareRequestSchema>;

export const SweepRequestSchema = JobSchema.extend({
  candidates: z.array(StrategyParamsSchema).min(1, 'a sweep needs at least one candidate'),
});
export type SweepRequest = z.input<typeof SweepRequestSchema>;

export interface Progress {
  phase: string;
  done: number;
  total: number;
}
export type ProgressCallback = (progress: Progress) => void;

/** Thrown when a job stops because its caller cancelled it. */
export class SimulationCancelledError extends Error {
  override name = 'SimulationCancelledError';
}

/** Turns a zod failure at the worker boundary into one readable message. */
export function parseAtBoundary<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`invalid ${what}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
