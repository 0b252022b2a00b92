import { describe, expect, it } from 'vitest';
import type { SimulationRecord } from '../simulations/index.ts';
import { missingEvidence, simulationMismatch, type EvidenceRun } from './approval-evidence.ts';
import { paramsHash } from './params-hash.ts';
import { recordedComparison, draftVersion } from './test-evidence.ts';

const evidence = async (record: SimulationRecord): Promise<EvidenceRun> => ({ record, candidateParamsHash: await paramsHash(record.run.params) });

describe('approval evidence', () => {
  it('is missing entirely when the named run is not recorded', async () => {
    const version = await draftVersion('ema-rsi', { fastPeriod: 9 });
    expect(missingEvidence(version, { runId: 'r-1' }, undefined)).toEqual([
      "no simulation run r-1 is recorded; record a comparison run of version 1's params first",
    ]);
  });

  it("names a comparison of exactly the version's params as a simulation of it, and anything else as not", async () => {
    const version = await draftVersion('ema-rsi', { fastPeriod: 9 });
    const same = await recordedComparison('ema-rsi', { fastPeriod: 9 });
    expect(simulationMismatch(version, await evidence(same))).toEqual([]);

    const other = await recordedComparison('ema-rsi', { fastPeriod: 10 });
    const otherRun = await evidence(other);
    expect(simulationMismatch(version, otherRun)).toEqual([
      `run ${other.runId} simulated other params (${otherRun.candidateParamsHash}), not version 1's (${version.paramsHash})`,
    ]);

    const backtest: SimulationRecord = { ...same, kind: 'backtest', baselineParams: null, overfitting: null, inSampleFraction: null };
    expect(simulationMismatch(version, await evidence(backtest))).toEqual([`run ${same.runId} is a backtest, not a comparison of the version against a baseline`]);

    const olderCode: SimulationRecord = { ...same, run: { ...same.run, strategy: { id: 'ema-rsi', version: '0.9.0' } } };
    expect(simulationMismatch(version, await evidence(olderCode))).toEqual([`run ${same.runId} is of ema-rsi code version 0.9.0, not ${version.codeVersion}`]);
  });

  it('names every missing piece of a plain backtest of another strategy at once', async () => {
    const version = await draftVersion('ema-rsi', {});
    const donchian = await recordedComparison('donchian-atr', {});
    // A plain backtest as older relays stored it: no comparison, and the old non-SHA-256 dataset label.
    const { comparison: _dropped, ...plain } = donchian;
    const run0 = { ...plain.run, dataset: { ...plain.run.dataset, hash: 'fnv64-0123456789abcdef' } };
    const backtest: SimulationRecord = { ...plain, run: run0, kind: 'backtest', baselineParams: null, overfitting: null, inSampleFraction: null };
    const run = await evidence(backtest);
    const id = backtest.runId;
    expect(missingEvidence(version, { runId: id, datasetHash: 'sha256-other' }, run)).toEqual([
      `run ${id} is a backtest, not a comparison of the version against a baseline`,
      `run ${id} is of strategy donchian-atr, not ema-rsi`,
      `run ${id} simulated other params (${run.candidateParamsHash}), not version 1's (${version.paramsHash})`,
      `run ${id} has no out-of-sample window`,
      `run ${id} has no walk-forward result`,
      `run ${id}'s dataset hash ${backtest.run.dataset.hash} is not SHA-256 (sha256-…)`,
      `run ${id} is on dataset ${backtest.run.dataset.hash}, not the stated sha256-other`,
    ]);
  });

  it('names a run on another market than the one the version will trade', async () => {
    const version = { ...(await draftVersion('ema-rsi', { fastPeriod: 9 })), market: { symbol: 'ETHUSDT', interval: '1h' as const } };
    const run = await recordedComparison('ema-rsi', { fastPeriod: 9 });
    expect(missingEvidence(version, { runId: run.runId }, await evidence(run))).toContain(
      `run ${run.runId} is on BTCUSDT 1m, not the version's market ETHUSDT 1h`,
    );
  });
});
