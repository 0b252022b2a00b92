import type { StrategyEntry } from '../strategy/registry.ts';
import type { ParamDelta } from './schemas.ts';

export type AppliedDeltas = { ok: true; params: Record<string, unknown> } | { ok: false; param: string | null; message: string };

/**
 * The params a suggestion's deltas make from `base`, checked with the strategy's own schema
 * (`parseParams`), so a delta outside the bounds, onto an unknown param, or one that breaks a
 * cross-field rule is refused with the offending param named. A delta whose `from` is not the
 * current value is refused too: the advisor reasoned about params that are not the ones in use.
 */
export function applyDeltas(entry: StrategyEntry, base: Record<string, unknown>, deltas: readonly ParamDelta[]): AppliedDeltas {
  const next: Record<string, unknown> = { ...base };
  const seen = new Set<string>();
  for (const delta of deltas) {
    if (seen.has(delta.param)) return { ok: false, param: delta.param, message: `param ${delta.param} is changed more than once` };
    seen.add(delta.param);
    if (!(delta.param in base)) {
      return { ok: false, param: delta.param, message: `unknown param "${delta.param}"; valid params: ${Object.keys(base).join(', ')}` };
    }
    if (delta.from !== base[delta.param]) {
      return { ok: false, param: delta.param, message: `param ${delta.param}: from ${JSON.stringify(delta.from)} is not its current value ${JSON.stringify(base[delta.param])}` };
    }
    next[delta.param] = delta.to;
  }
  const parsed = entry.paramsSchema.safeParse(next);
  if (parsed.success) return { ok: true, params: parsed.data as Record<string, unknown> };
  // A cross-field rule may point at the param the delta did not touch (rsiEntryMax for a lower rsiExit): name a changed one first.
  const issues = parsed.error.issues;
  const changed = issues.find((i) => seen.has(String(i.path[0])));
  const offender = changed !== undefined ? String(changed.path[0]) : [...seen].join(', ');
  const detail = issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return { ok: false, param: offender === '' ? null : offender, message: `param ${offender === '' ? '(none changed)' : offender} refused: ${detail}` };
}
