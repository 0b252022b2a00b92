import { canonicalJson } from '../../shared/json/canonical-json.ts';
import { strategyParamFields } from '../simulation/strategy-params.ts';

export interface ParamChange {
  key: string;
  /** The form's label for the param, or its key when the strategy does not name it. */
  label: string;
  from: unknown;
  to: unknown;
}

/** The params that differ between two sets of one strategy's params, in the strategy's field order. */
export function paramChanges(strategyId: string, from: Record<string, unknown>, to: Record<string, unknown>): ParamChange[] {
  const fields = strategyParamFields(strategyId);
  const known = fields.map((f) => f.key);
  const keys = [...known, ...[...new Set([...Object.keys(from), ...Object.keys(to)])].filter((k) => !known.includes(k)).sort()];
  return keys.flatMap((key) => {
    if (canonicalJson(from[key] ?? null) === canonicalJson(to[key] ?? null)) return [];
    return [{ key, label: fields.find((f) => f.key === key)?.label ?? key, from: from[key], to: to[key] }];
  });
}

/** A param value as a trader reads it; absent is a dash. */
export function paramText(value: unknown): string {
  return value === undefined || value === null ? '—' : typeof value === 'string' ? value : JSON.stringify(value);
}
