import type { StrategyVersion } from '../../shared/strategy-versions/index.ts';
import type { InstrumentRules } from '../../shared/strategy/index.ts';
import { checkComparison, checkRunInputs, defaultForm, type Checked, type RunInputs } from '../simulation/simulation-form.ts';
import type { ComparisonConfig } from '../../shared/backtest/index.ts';

export interface VersionComparison {
  inputs: RunInputs;
  baselineParams: Record<string, unknown>;
  comparison: ComparisonConfig;
}

const asText = (params: Record<string, unknown>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));

/** What a comparison needs of its candidate: a version, or an AI suggestion's proposed params on a market. */
export type Candidate = Pick<StrategyVersion, 'strategyId' | 'params' | 'market'>;

/**
 * The comparison that can become a version's approval evidence: the candidate's exact params
 * against `baseline` (a version's parent, a suggestion's reviewed params), on the candidate's
 * market over the Simulate page's default days and costs, checked as that page checks them.
 */
export function versionComparison(version: Candidate, baseline: Record<string, unknown>, instrument: InstrumentRules | undefined, now: number): Checked<VersionComparison> {
  const form = {
    ...defaultForm(version.strategyId, now),
    params: asText(version.params),
    baselineParams: asText(baseline),
    symbol: version.market.symbol,
    interval: version.market.interval,
  };
  const run = checkRunInputs(form, instrument, now);
  const compare = checkComparison(form);
  if (!run.ok || !compare.ok) return { ok: false, errors: { ...(run.ok ? {} : run.errors), ...(compare.ok ? {} : compare.errors) } };
  return { ok: true, value: { inputs: run.value, baselineParams: compare.value.baselineParams, comparison: compare.value.comparison } };
}
