import { z } from 'zod';
import { BacktestConfigSchema, ComparisonConfigSchema, type BacktestConfig, type ComparisonConfig } from '../../shared/backtest/index.ts';
import { IntervalSchema, type Interval } from '../../shared/market/index.ts';
import type { SimulationRecord } from '../../shared/simulations/index.ts';
import type { InstrumentRules } from '../../shared/strategy/index.ts';
import { fieldMessage } from '../forms/field-messages.ts';
import { defaultParamInputs, strategyParamFields, validateStrategyParams } from './strategy-params.ts';
import { defaultSweepRange, SweepRangeSchema, type SweepRange } from './sweep-grid.ts';

/** Everything the form holds, as the text the inputs show. */
export interface SimulationForm {
  strategyId: string;
  /** Params of a single run, and the candidate of a comparison or the base of a sweep. */
  params: Record<string, string>;
  baselineParams: Record<string, string>;
  symbol: string;
  interval: Interval;
  /** UTC calendar days, YYYY-MM-DD, both inclusive. */
  fromDate: string;
  toDate: string;
  initialQuote: string;
  /** Percent, as traders quote fees: 0.1 means 0.1%. */
  makerFeePct: string;
  takerFeePct: string;
  slippageBps: string;
  inSamplePct: string;
  sweepParam: string;
  sweepFrom: string;
  sweepTo: string;
  sweepStep: string;
}

const DAY_MS = 86_400_000;
/** The form's date fields hold UTC days, `YYYY-MM-DD`. */
export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function defaultForm(strategyId: string, now: number): SimulationForm {
  // Only the cost defaults; a run always uses the chosen symbol's real rules.
  const config = BacktestConfigSchema.omit({ symbol: true, interval: true, instrument: true }).parse({});
  const params = defaultParamInputs(strategyId);
  return {
    strategyId,
    params,
    baselineParams: { ...params },
    symbol: 'BTCUSDT',
    interval: '1m',
    fromDate: isoDay(now - 3 * DAY_MS),
    toDate: isoDay(now),
    initialQuote: String(config.initialQuote),
    makerFeePct: String(config.makerFee * 100),
    takerFeePct: String(config.takerFee * 100),
    slippageBps: String(config.slippageBps),
    inSamplePct: String(ComparisonConfigSchema.parse({}).inSampleFraction * 100),
    ...sweepInputs(strategyId),
  };
}

/**
 * The form set to a recorded run's strategy, params, market, days and costs, so the trader sees
 * what the reopened report ran with and can change one thing from there. Sweep and comparison
 * fields stay as they were, except the baseline a comparison was judged against.
 */
export function formOfRun(record: SimulationRecord, current: SimulationForm): SimulationForm {
  const { run } = record;
  const text = (params: Record<string, unknown>) => Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  const sameStrategy = current.strategyId === run.strategy.id;
  return {
    ...current,
    strategyId: run.strategy.id,
    params: text(run.params),
    baselineParams: record.baselineParams ? text(record.baselineParams) : sameStrategy ? current.baselineParams : text(run.params),
    ...(sameStrategy ? {} : sweepInputs(run.strategy.id)),
    symbol: run.symbol,
    interval: run.interval,
    fromDate: isoDay(run.dataset.from),
    toDate: isoDay(run.dataset.to),
    initialQuote: String(run.assumptions.initialQuote),
    makerFeePct: String(Number((run.assumptions.makerFee * 100).toPrecision(12))),
    takerFeePct: String(Number((run.assumptions.takerFee * 100).toPrecision(12))),
    slippageBps: String(run.assumptions.slippageBps),
    ...(record.inSampleFraction === null ? {} : { inSamplePct: String(Number((record.inSampleFraction * 100).toPrecision(12))) }),
  };
}

type SweepInputs = Pick<SimulationForm, 'sweepParam' | 'sweepFrom' | 'sweepTo' | 'sweepStep'>;

/** The sweep fields for one of the strategy's numeric params (default: its first), set to a range around its default. */
export function sweepInputs(strategyId: string, param?: string): SweepInputs {
  const numeric = strategyParamFields(strategyId).flatMap((f) => (f.kind === 'number' ? [f] : []));
  const field = numeric.find((f) => f.key === param) ?? numeric[0];
  if (!field) return { sweepParam: '', sweepFrom: '', sweepTo: '', sweepStep: '' };
  const range = defaultSweepRange(field);
  return { sweepParam: field.key, sweepFrom: String(range.from), sweepTo: String(range.to), sweepStep: String(range.step) };
}

export interface RunInputs {
  strategyId: string;
  params: Record<string, unknown>;
  symbol: string;
  interval: Interval;
  from: number;
  to: number;
  config: BacktestConfig;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const DateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'pick a date (YYYY-MM-DD)');

/** Validates what every kind of run needs; error keys are form field names. */
export function checkRunInputs(form: SimulationForm, instrument: InstrumentRules | undefined, now: number): Checked<RunInputs> {
  const errors: Record<string, string> = {};
  const params = validateStrategyParams(form.strategyId, form.params);
  if (!params.ok) for (const [k, v] of Object.entries(params.errors)) errors[`params.${k}`] = v;
  if (!instrument) errors.symbol = `unknown symbol ${form.symbol}; pick one from the list`;
  const interval = IntervalSchema.safeParse(form.interval);
  if (!interval.success) errors.interval = interval.error.issues[0]!.message;

  const fromDay = DateSchema.safeParse(form.fromDate);
  const toDay = DateSchema.safeParse(form.toDate);
  if (!fromDay.success) errors.fromDate = fromDay.error.issues[0]!.message;
  if (!toDay.success) errors.toDate = toDay.error.issues[0]!.message;
  const from = Date.parse(`${form.fromDate}T00:00:00Z`);
  const to = Math.min(Date.parse(`${form.toDate}T00:00:00Z`) + DAY_MS - 1, now);
  if (fromDay.success && toDay.success && !(from < to)) errors.toDate = 'the end date must be after the start date (and not in the future)';

  const config = BacktestConfigSchema.safeParse({
    symbol: form.symbol,
    interval: form.interval,
    instrument,
    initialQuote: Number(form.initialQuote),
    makerFee: Number(form.makerFeePct) / 100,
    takerFee: Number(form.takerFeePct) / 100,
    slippageBps: Number(form.slippageBps),
  });
  if (!config.success) {
    const fieldOf: Record<string, string> = { makerFee: 'makerFeePct', takerFee: 'takerFeePct' };
    for (const issue of config.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      if (key === 'instrument' || key === 'symbol') continue;
      const field = fieldOf[key] ?? key;
      // Fees are typed in percent; say the bound in percent too.
      errors[field] ??= field in FEE_HINTS ? FEE_HINTS[field]! : fieldMessage(COST_LABELS[field] ?? field, issue);
    }
  }
  if (Object.keys(errors).length > 0 || !params.ok || !config.success) return { ok: false, errors };
  return { ok: true, value: { strategyId: form.strategyId, params: params.params, symbol: form.symbol, interval: form.interval, from, to, config: config.data } };
}

/** How the cost fields are named in error messages (the form's labels, without units). */
const COST_LABELS: Record<string, string> = { initialQuote: 'Starting balance', slippageBps: 'Slippage' };

const FEE_HINTS: Record<string, string> = {
  makerFeePct: 'maker fee must be a percent between 0 and 1, e.g. 0.1',
  takerFeePct: 'taker fee must be a percent between 0 and 1, e.g. 0.1',
};

export function checkComparison(form: SimulationForm): Checked<{ baselineParams: Record<string, unknown>; comparison: ComparisonConfig }> {
  const errors: Record<string, string> = {};
  const baseline = validateStrategyParams(form.strategyId, form.baselineParams);
  if (!baseline.ok) for (const [k, v] of Object.entries(baseline.errors)) errors[`baseline.${k}`] = v;
  const comparison = ComparisonConfigSchema.safeParse({ inSampleFraction: Number(form.inSamplePct) / 100 });
  if (!comparison.success) errors.inSamplePct = 'in-sample share must be a percent above 0 and below 100, e.g. 70';
  if (!baseline.ok || !comparison.success) return { ok: false, errors };
  return { ok: true, value: { baselineParams: baseline.params, comparison: comparison.data } };
}

const SWEEP_FIELDS: Record<string, keyof SweepInputs> = { param: 'sweepParam', from: 'sweepFrom', to: 'sweepTo', step: 'sweepStep' };

export function checkSweep(form: SimulationForm): Checked<SweepRange> {
  const text = (s: string) => (s.trim() === '' ? NaN : Number(s));
  const range = SweepRangeSchema.safeParse({ param: form.sweepParam, from: text(form.sweepFrom), to: text(form.sweepTo), step: text(form.sweepStep) });
  if (range.success) return { ok: true, value: range.data };
  const errors: Record<string, string> = {};
  for (const issue of range.error.issues) errors[SWEEP_FIELDS[String(issue.path[0])] ?? 'sweepStep'] ??= issue.message;
  return { ok: false, errors };
}
