import { paramsHash, StrategyVersionSchema } from '../../shared/strategy-versions/index.ts';
import type { ActiveVersionsSource } from './active-versions-source.ts';

/** Fast EMAs and a loose RSI filter: it trades within minutes, which the tests need. */
export const QUICK_EMA_RSI_PARAMS = { fastPeriod: 2, slowPeriod: 3, rsiPeriod: 2, rsiEntryMax: 94, rsiExit: 99, allocation: 0.5 };

/**
 * For tests: the versions store's answer with one active version, version 3 of ema-rsi on
 * BTCUSDT 1m, activated now (the versions store itself is relay/strategies/).
 */
export function oneActiveVersion(params: Record<string, unknown> = QUICK_EMA_RSI_PARAMS): ActiveVersionsSource {
  const activatedAt = new Date().toISOString();
  return {
    allActive: async () => [
      StrategyVersionSchema.parse({
        strategyId: 'ema-rsi',
        version: 3,
        codeVersion: '1.0.1',
        params,
        paramsHash: await paramsHash(params),
        indicators: [],
        market: { symbol: 'BTCUSDT', interval: '1m' },
        approvalState: 'active',
        parentVersion: 2,
        origin: { kind: 'manual', note: 'test' },
        createdBy: 'operator',
        createdAt: activatedAt,
        stateChangedBy: 'operator',
        stateChangedAt: activatedAt,
        evidenceRunId: null,
      }),
    ],
    onChange: () => {},
  };
}
