import { backtestReport, compareParams, ComparisonConfigSchema, simulationRunOf, type BacktestReport } from '../backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../backtest/test-dataset.ts';
import { strategyEntry } from '../strategy/registry.ts';
import { comparisonRecord } from './comparison-record.ts';
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

/** A real ema-rsi comparison's record on 2,000 BTC candles (a small walk-forward, to stay quick). */
export async function testComparisonRecord(runId: string = crypto.randomUUID()): Promise<SimulationRecord> {
  const cols = btcColumns(2000);
  const entry = strategyEntry('ema-rsi');
  const candidate = { fastPeriod: 9 };
  const cmp = ComparisonConfigSchema.parse({ walkForward: { windows: 2, candidates: 4 } });
  const comparison = await compareParams(cols, entry, {}, candidate, BTC_CONFIG, cmp);
  const { report } = await backtestReport(cols, entry.bind(candidate), BTC_CONFIG);
  return comparisonRecord({ runId, createdAt: '2024-06-01T12:00:00.000Z', comparison, candidate: report });
}
