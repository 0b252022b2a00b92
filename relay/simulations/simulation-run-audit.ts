import type { AuditPayload } from '../../shared/audit/index.ts';
import { canonicalJson } from '../../shared/json/canonical-json.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { sha256Hex } from '../audit/audit-chain.ts';

/** The audit entry of a stored run: enough to prove later which params ran on which data. */
export function simulationRunAudit(record: SimulationRecord): AuditPayload<'simulation.run'> {
  const { run } = record;
  return {
    runId: record.runId,
    strategy: { id: run.strategy.id, version: run.strategy.version },
    symbol: run.symbol,
    paramsHash: sha256Hex(canonicalJson(run.params)),
    datasetHash: run.dataset.hash,
  };
}
