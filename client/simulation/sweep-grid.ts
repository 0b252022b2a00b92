import { z } from 'zod';
import type { NumberField } from '../forms/schema-fields.ts';

export const MAX_SWEEP_POINTS = 500;

/** One parameter stepped over [from, to]; every other parameter keeps its form value. */
export const SweepRangeSchema = z
  .object({
    param: z.string().min(1, 'Choose the parameter to sweep'),
    from: z.number({ message: 'First value must be a number' }).finite(),
    to: z.number({ message: 'Last value must be a number' }).finite(),
    step: z.number({ message: 'Step must be a number' }).positive('Step must be greater than 0'),
  })
  .refine((r) => r.to >= r.from, { message: 'Last value must not be below the first value', path: ['to'] })
  .refine((r) => Math.floor((r.to - r.from) / r.step + 1e-9) + 1 <= MAX_SWEEP_POINTS, {
    message: `Too many candidates (at most ${MAX_SWEEP_POINTS}); make the step larger`,
    path: ['step'],
  });
export type SweepRange = z.infer<typeof SweepRangeSchema>;

/** Values a default sweep tries around a parameter's default: enough to compare, few enough to read. */
const DEFAULT_SWEEP_STEPS = 4;

/**
 * A sweep that sweeps something: half to one and a half times the field's default (kept inside its
 * bounds) in about five values, on a whole or 1-2-5 step. Without a usable default, its bounds.
 */
export function defaultSweepRange(field: NumberField): { from: number; to: number; step: number } {
  const lowest = field.min ?? 0;
  const center = field.defaultValue ?? lowest;
  let from = Math.max(lowest, center / 2);
  let to = Math.min(field.max ?? Infinity, center * 1.5);
  if (!(to > from)) {
    from = lowest;
    to = field.max ?? lowest + DEFAULT_SWEEP_STEPS;
  }
  if (field.integer) {
    from = Math.ceil(from);
    to = Math.floor(to);
    return { from, to, step: Math.max(1, Math.round((to - from) / DEFAULT_SWEEP_STEPS)) };
  }
  const step = niceStep((to - from) / DEFAULT_SWEEP_STEPS);
  // Start on the step grid so the values read as 0.5, 0.6 … rather than 0.53, 0.63 …
  return { from: Number((Math.ceil(from / step - 1e-9) * step).toFixed(decimalsOf(step))), to, step };
}

/** 1, 2 or 5 times a power of ten, the nearest to `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  const nice = m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10;
  return Number((nice * power).toPrecision(1));
}

/** Candidates for a sweep; values are rounded to the step's decimals so 0.1 steps stay 0.3, not 0.30000000000000004. */
export function sweepCandidates(base: Record<string, unknown>, range: SweepRange): Record<string, unknown>[] {
  const decimals = Math.max(decimalsOf(range.step), decimalsOf(range.from));
  const count = Math.floor((range.to - range.from) / range.step + 1e-9) + 1;
  return Array.from({ length: count }, (_, i) => ({ ...base, [range.param]: Number((range.from + i * range.step).toFixed(decimals)) }));
}

function decimalsOf(x: number): number {
  const text = String(x);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * Splits work into about `perWorker` chunks per worker: small enough that a fast worker takes
 * over the tail of a slow one, big enough that message overhead stays small.
 */
export function chunkCandidates<T>(items: readonly T[], workers: number, perWorker = 4): T[][] {
  const size = Math.max(1, Math.ceil(items.length / (Math.max(1, workers) * perWorker)));
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
