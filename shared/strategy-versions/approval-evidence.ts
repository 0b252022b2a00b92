import type { SimulationRecord } from '../simulations/index.ts';
import { Sha256LabelSchema, type StrategyVersion } from './schemas.ts';

/** The run an approval names, with the hash of its candidate params (`paramsHash(run.params)`, async, so computed by the caller). */
export interface EvidenceRun {
  record: SimulationRecord;
  candidateParamsHash: string;
}

/** What the approver says the evidence is; `datasetHash` pins the data they looked at. */
export interface StatedEvidence {
  runId: string;
  datasetHash?: string | undefined;
}

/**
 * Pure: what keeps `run` from being a simulation of exactly `version` — a comparison of this
 * strategy, code version and params hash. Empty when it is one: the version may become `simulated`.
 */
export function simulationMismatch(version: StrategyVersion, run: EvidenceRun): string[] {
  const { record, candidateParamsHash } = run;
  const missing: string[] = [];
  if (record.kind !== 'comparison') missing.push(`run ${record.runId} is a ${record.kind}, not a comparison of the version against a baseline`);
  const strategy = record.run.strategy;
  if (strategy.id !== version.strategyId) missing.push(`run ${record.runId} is of strategy ${strategy.id}, not ${version.strategyId}`);
  else if (strategy.version !== version.codeVersion) {
    missing.push(`run ${record.runId} is of ${strategy.id} code version ${strategy.version}, not ${version.codeVersion}`);
  }
  if (candidateParamsHash !== version.paramsHash) {
    missing.push(`run ${record.runId} simulated other params (${candidateParamsHash}), not version ${version.version}'s (${version.paramsHash})`);
  }
  return missing;
}

/**
 * Pure: every piece of evidence an approval of `version` on `stated` lacks, in words; empty when
 * the run is enough. Besides being a simulation of exactly this version, the run must include an
 * out-of-sample window and a walk-forward result, on the market the version will trade and on
 * data named by SHA-256 (so the data it was judged on can be re-identified).
 */
export function missingEvidence(version: StrategyVersion, stated: StatedEvidence, run: EvidenceRun | undefined): string[] {
  if (run === undefined) return [`no simulation run ${stated.runId} is recorded; record a comparison run of version ${version.version}'s params first`];
  const { record } = run;
  const missing = simulationMismatch(version, run);
  // Records stored before comparisons carried their report have none: that evidence is missing.
  const { comparison } = record;
  if (comparison?.outOfSample === undefined) missing.push(`run ${record.runId} has no out-of-sample window`);
  if (comparison?.walkForward === undefined) missing.push(`run ${record.runId} has no walk-forward result`);
  const { symbol, interval } = record.run;
  if (symbol !== version.market.symbol || interval !== version.market.interval) {
    missing.push(`run ${record.runId} is on ${symbol} ${interval}, not the version's market ${version.market.symbol} ${version.market.interval}`);
  }
  const datasetHash = record.run.dataset.hash;
  if (!Sha256LabelSchema.safeParse(datasetHash).success) missing.push(`run ${record.runId}'s dataset hash ${datasetHash} is not SHA-256 (sha256-…)`);
  if (stated.datasetHash !== undefined && stated.datasetHash !== datasetHash) {
    missing.push(`run ${record.runId} is on dataset ${datasetHash}, not the stated ${stated.datasetHash}`);
  }
  return missing;
}
