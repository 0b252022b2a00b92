import { backtestReport, compareParams, ComparisonConfigSchema } from '../backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../backtest/test-dataset.ts';
import { comparisonRecord, type SimulationRecord } from '../simulations/index.ts';
import { strategyEntry } from '../strategy/index.ts';
import { paramsHash } from './params-hash.ts';
import type { StrategyVersion } from './schemas.ts';

/**
 * A comparison run recorded as the client records it: the real comparison of `candidate` against
 * `baseline` on real BTCUSDT candles (Node only), for tests of the approval gate.
 */
export async function recordedComparison(strategyId: string, candidate: Record<string, unknown>, baseline: Record<string, unknown> = {}, candles = 600): Promise<SimulationRecord> {
  const entry = strategyEntry(strategyId);
  const cols = btcColumns(candles);
  const comparison = await compareParams(cols, entry, baseline, candidate, BTC_CONFIG, ComparisonConfigSchema.parse({}));
  const { report } = await backtestReport(cols, entry.bind(candidate), BTC_CONFIG);
  return comparisonRecord({ runId: crypto.randomUUID(), createdAt: '2026-12-01T12:00:00.000Z', comparison, candidate: report });
}

/** A draft version of `params` (defaults filled) as the relay creates it, for the pure rules' tests. */
export async function draftVersion(strategyId: string, params: Record<string, unknown>, version = 1): Promise<StrategyVersion> {
  const entry = strategyEntry(strategyId);
  const filled = entry.parseParams(params);
  const at = '2026-12-01T12:00:00.000Z';
  return {
    strategyId,
    version,
    codeVersion: entry.version,
    params: filled,
    paramsHash: await paramsHash(filled),
    indicators: entry.bind(filled).indicators,
    market: { symbol: 'BTCUSDT', interval: '1m' },
    approvalState: 'draft',
    parentVersion: null,
    origin: { kind: 'manual', note: '' },
    createdBy: 'operator',
    createdAt: at,
    stateChangedBy: 'operator',
    stateChangedAt: at,
    evidenceRunId: null,
  };
}
