import { simulationRunOf } from '../backtest/report.ts';
import type { BacktestReport, ComparisonReport } from '../backtest/schemas.ts';
import type { SimulationRecord } from './schemas.ts';

export interface ComparisonRecordInput {
  runId: string;
  createdAt: string;
  comparison: ComparisonReport;
  /** The candidate's full-range backtest: the record's `run`, on the same candles as the comparison. */
  candidate: BacktestReport;
  durationMs?: number;
}

/** A comparison as it is recorded: the candidate's run judged by the comparison, which it carries whole. */
export function comparisonRecord({ runId, createdAt, comparison, candidate, durationMs }: ComparisonRecordInput): SimulationRecord {
  return {
    runId,
    kind: 'comparison',
    createdAt,
    run: simulationRunOf(candidate, comparison.verdict, comparison.reasons),
    baselineParams: comparison.baselineParams,
    overfitting: comparison.overfitting,
    inSampleFraction: comparison.config.inSampleFraction,
    ...(durationMs === undefined ? {} : { durationMs }),
    comparison,
  };
}
