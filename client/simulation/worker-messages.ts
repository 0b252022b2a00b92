import { z } from 'zod';
import { BacktestConfigSchema, ComparisonConfigSchema } from '../../shared/backtest/index.ts';

const ColumnSchema = z.instanceof(Float64Array, { message: 'candle columns must be Float64Arrays' });

/** Candles as parallel columns (see shared/backtest/candle-columns.ts), all of `length` rows. */
export const WorkerColumnsSchema = z
  .object({
    length: z.number().int().min(0),
    openTime: ColumnSchema,
    open: ColumnSchema,
    high: ColumnSchema,
    low: ColumnSchema,
    close: ColumnSchema,
    volume: ColumnSchema,
  })
  .refine((c) => [c.openTime, c.open, c.high, c.low, c.close, c.volume].every((col) => col.length === c.length), {
    message: 'every candle column must have `length` rows',
  });

export const LoadDatasetSchema = z.object({ datasetId: z.string().min(1), columns: WorkerColumnsSchema });
export type LoadDatasetRequest = z.input<typeof LoadDatasetSchema>;

const ParamsSchema = z.record(z.string(), z.unknown());

export const BacktestRequestSchema = z.object({
  datasetId: z.string().min(1),
  strategyId: z.string().min(1),
  params: ParamsSchema,
  config: BacktestConfigSchema,
});
export type BacktestRequest = z.input<typeof BacktestRequestSchema>;

export const CompareRequestSchema = z.object({
  datasetId: z.string().min(1),
  strategyId: z.string().min(1),
  baselineParams: ParamsSchema,
  candidateParams: ParamsSchema,
  config: BacktestConfigSchema,
  comparison: ComparisonConfigSchema,
});
export type CompareRequest = z.input<typeof CompareRequestSchema>;

export const SweepRequestSchema = z.object({
  datasetId: z.string().min(1),
  strategyId: z.string().min(1),
  candidates: z.array(ParamsSchema).min(1, 'a sweep needs at least one candidate'),
  config: BacktestConfigSchema,
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
