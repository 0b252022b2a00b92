import { simulationRunOf, type BacktestReport } from '../backtest/index.ts';
import type { SimulationRecord } from './schemas.ts';

/** A plain backtest's record as the client posts it, for tests on either side of the wire. */
export function backtestRecord(report: BacktestReport, runId: string = crypto.randomUUID()): SimulationRecord {
  return {
    runId,
    kind: 'backtest',
    createdAt: '2024-06-01T12:00:00.000Z',
    run: simulationRunOf(report),
    baselineParams: null,
    overfitting: null,
    inSampleFraction: null,
  };
}
