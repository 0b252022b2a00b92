import { z } from 'zod';
import { SimulationRunSchema, StrategyParamsSchema } from '../backtest/schemas.ts';

export const RunKindSchema = z.enum(['backtest', 'comparison']);
export type RunKind = z.infer<typeof RunKindSchema>;

/**
 * One finished simulation as the browser keeps it and posts it to the relay. The relay stores it
 * unchanged and never edits it, so a later approval can point at `runId` and prove a run exists for
 * exactly these params (`run.params`) on exactly this data (`run.dataset.hash`).
 */
export const SimulationRecordSchema = z.object({
  runId: z.uuid('runId must be a UUID, e.g. 3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'),
  kind: RunKindSchema,
  /** ISO-8601 time the run finished in the browser. */
  createdAt: z.iso.datetime({ message: 'createdAt must be an ISO-8601 UTC time, e.g. 2024-06-01T12:00:00Z' }),
  /** For `backtest` the params run; for `comparison` the candidate's, with metrics over the whole range. */
  run: SimulationRunSchema,
  /** The baseline a comparison was judged against; null for a standalone backtest. */
  baselineParams: StrategyParamsSchema.nullable(),
  /** Comparison's in-sample/out-of-sample overfitting flag; null for a standalone backtest. */
  overfitting: z.boolean().nullable(),
  /** Share of candles used in-sample by a comparison; null for a standalone backtest. */
  inSampleFraction: z.number().gt(0).lt(1).nullable(),
});
export type SimulationRecord = z.infer<typeof SimulationRecordSchema>;

export const RecordSimulationResponseSchema = z
  .object({ runId: z.string(), created: z.boolean() })
  .meta({ examples: [{ runId: '3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10', created: true }] });
export type RecordSimulationResponse = z.infer<typeof RecordSimulationResponseSchema>;

export const SimulationResponseSchema = z.object({ simulation: SimulationRecordSchema, recordedAt: z.string() });
export type SimulationResponse = z.infer<typeof SimulationResponseSchema>;
