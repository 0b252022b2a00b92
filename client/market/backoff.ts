/** Bounded exponential backoff with jitter so many tabs do not reconnect in lockstep. */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 15_000 };

/** `random` in [0, 1); the delay lands in [half, full] of the capped exponential step. */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const full = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt));
  return Math.round(full / 2 + (full / 2) * random);
}
