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

/**
 * The comparison that can become a version's approval evidence: the version's exact params as the
 * candidate against `baseline` (its parent's params), on its own market over the Simulate page's
 * default days and costs, checked as that page checks them.
 */
export function versionComparison(version: StrategyVersion, baseline: Record<string, unknown>, instrument: InstrumentRules | undefined, now: number): Checked<VersionComparison> {
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
