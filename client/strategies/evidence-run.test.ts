import { describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { evidenceRunFor, type EvidenceCandidate } from './evidence-run.ts';
import { testVersion } from './test-version.ts';

const entry = strategyEntry('ema-rsi');
const params = entry.parseParams({ fastPeriod: 5, slowPeriod: 20 });
const { report } = await backtestReport(btcColumns(400), entry.bind(params), BTC_CONFIG);

function run(overrides: { kind?: 'backtest' | 'comparison'; createdAt: string; status?: 'posted' | 'failed'; params?: Record<string, unknown>; interval?: '1m' | '5m' }): EvidenceCandidate {
  const record = backtestRecord(report);
  return {
    ...record,
    kind: overrides.kind ?? 'comparison',
    createdAt: overrides.createdAt,
    run: { ...record.run, params: overrides.params ?? params, interval: overrides.interval ?? '1m' },
    relay: { status: overrides.status ?? 'posted' },
  };
}

describe('evidenceRunFor', () => {
  it('picks the newest recorded comparison of exactly the version params, whatever their key order', async () => {
    const older = run({ createdAt: '2024-06-01T10:00:00.000Z' });
    const newer = run({ createdAt: '2024-06-01T11:00:00.000Z', params: Object.fromEntries(Object.entries(params).reverse()) });
    expect((await evidenceRunFor(await testVersion(params), [older, newer]))?.runId).toBe(newer.runId);
  });

  it('passes over backtests, runs the relay has not recorded, other params and other markets', async () => {
    const runs = [
      run({ kind: 'backtest', createdAt: '2024-06-01T11:00:00.000Z' }),
      run({ status: 'failed', createdAt: '2024-06-01T11:01:00.000Z' }),
      run({ params: { ...params, fastPeriod: 6 }, createdAt: '2024-06-01T11:02:00.000Z' }),
      run({ interval: '5m', createdAt: '2024-06-01T11:03:00.000Z' }),
    ];
    expect(await evidenceRunFor(await testVersion(params), runs)).toBeNull();
  });
});
