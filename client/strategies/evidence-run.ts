import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { paramsHash, type StrategyVersion } from '../../shared/strategy-versions/index.ts';

/** What an approval can point at: a run the relay recorded (the browser keeps whether its post landed). */
export type EvidenceCandidate = SimulationRecord & { relay: { status: 'pending' | 'posted' | 'failed' } };

/**
 * The newest recorded comparison of exactly this version's params (matched by params hash, as
 * the relay's approval check matches them) on its market; null when none of `runs` is one. The
 * relay decides whether it is enough (out-of-sample, walk-forward, dataset); this only picks it.
 */
export async function evidenceRunFor(version: StrategyVersion, runs: readonly EvidenceCandidate[]): Promise<EvidenceCandidate | null> {
  const newestFirst = [...runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  for (const run of newestFirst) {
    const r = run.run;
    if (run.kind !== 'comparison' || run.relay.status !== 'posted') continue;
    if (r.strategy.id !== version.strategyId || r.symbol !== version.market.symbol || r.interval !== version.market.interval) continue;
    if ((await paramsHash(r.params)) === version.paramsHash) return run;
  }
  return null;
}
