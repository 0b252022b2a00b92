import { BacktestConfigSchema, ComparisonConfigSchema, type ComparisonConfig, type Metrics } from '../../shared/backtest/index.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import type { RunInputs } from './simulation-form.ts';

/**
 * What it takes to show a recorded run again. A record keeps params, costs, instrument rules and
 * the dataset's range and hash but no series, and the engine is deterministic: the same candles
 * run again give the same report, so a reopened run is re-run on its own candles, checked by hash.
 */
export interface ReopenPlan {
  inputs: RunInputs;
  /** Set for a comparison: what it was judged against. */
  comparison: { baselineParams: Record<string, unknown>; config: ComparisonConfig } | null;
}

export function reopenPlan(record: SimulationRecord): ReopenPlan {
  const { run } = record;
  const entry = strategyEntry(run.strategy.id);
  if (entry.version !== run.strategy.version) {
    throw new Error(`run ${record.runId} used ${run.strategy.id}@${run.strategy.version}; this app has ${entry.version}, which may decide differently, so it is not re-run`);
  }
  const a = run.assumptions;
  const inputs: RunInputs = {
    strategyId: run.strategy.id,
    params: run.params,
    symbol: run.symbol,
    interval: run.interval,
    from: run.dataset.from,
    to: run.dataset.to,
    config: BacktestConfigSchema.parse({
      symbol: run.symbol,
      interval: run.interval,
      instrument: a.instrument,
      initialQuote: a.initialQuote,
      makerFee: a.makerFee,
      takerFee: a.takerFee,
      slippageBps: a.slippageBps,
    }),
  };
  if (record.kind === 'backtest') return { inputs, comparison: null };
  if (record.baselineParams === null || record.inSampleFraction === null) throw new Error(`comparison run ${record.runId} has no baseline or in-sample share recorded`);
  // Records made before the comparison was kept whole knew only their split; the defaults fill the rest.
  const config = record.comparison?.config ?? ComparisonConfigSchema.parse({ inSampleFraction: record.inSampleFraction });
  return { inputs, comparison: { baselineParams: record.baselineParams, config } };
}

/** The re-run must be on the very candles the run used. */
export function checkSameDataset(record: SimulationRecord, hash: string, candles: number): void {
  const want = record.run.dataset;
  if (hash !== want.hash || candles !== want.candles) {
    throw new Error(
      `the cached candles for run ${record.runId} are not the ones it ran on (${candles} candles, ${hash}; the run had ${want.candles}, ${want.hash}), so it cannot be shown again`,
    );
  }
}

/** Metrics the re-run got that differ from the recorded ones (none when the engine reproduced it). */
export function metricsDrift(recorded: Metrics, rerun: Metrics): (keyof Metrics)[] {
  return (Object.keys(recorded) as (keyof Metrics)[]).filter((k) => recorded[k] !== rerun[k]);
}
