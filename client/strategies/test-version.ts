import { paramsHash, type StrategyVersion } from '../../shared/strategy-versions/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';

/** A version of ema-rsi on BTCUSDT 1m as the relay would list it, for the workbench's tests. */
export async function testVersion(params: Record<string, unknown>, overrides: Partial<StrategyVersion> = {}): Promise<StrategyVersion> {
  const at = '2024-06-01T12:00:00.000Z';
  return {
    strategyId: 'ema-rsi',
    version: 2,
    codeVersion: strategyEntry('ema-rsi').version,
    params,
    paramsHash: await paramsHash(params),
    indicators: [],
    market: { symbol: 'BTCUSDT', interval: '1m' },
    approvalState: 'draft',
    parentVersion: 1,
    origin: { kind: 'manual', note: '' },
    createdBy: 'operator',
    createdAt: at,
    stateChangedBy: 'operator',
    stateChangedAt: at,
    evidenceRunId: null,
    ...overrides,
  };
}
