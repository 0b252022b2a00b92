import { z } from 'zod';

/** One parameter stepped over [from, to]; every other parameter keeps its form value. */
export const SweepRangeSchema = z
  .object({
    param: z.string().min(1, 'choose the parameter to sweep'),
    from: z.number({ message: 'from must be a number' }).finite(),
    to: z.number({ message: 'to must be a number' }).finite(),
    step: z.number({ message: 'step must be a number' }).positive('step must be greater than 0'),
  })
  .refine((r) => r.to >= r.from, { message: 'to must not be below from', path: ['to'] })
  .refine((r) => Math.floor((r.to - r.from) / r.step + 1e-9) + 1 <= MAX_SWEEP_POINTS, {
    message: 'too many candidates; widen the step',
    path: ['step'],
  });
export type SweepRange = z.infer<typeof SweepRangeSchema>;

export const MAX_SWEEP_POINTS = 500;

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
