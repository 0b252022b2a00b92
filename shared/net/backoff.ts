/**
 * The one bounded exponential backoff of the project (relay -> Bybit stream, relay REST retries
 * and health probe, browser -> relay socket). Pure: the random source is injected.
 * Jitter only shortens a delay, so the cap is a hard bound and simultaneous clients spread out.
 */
export interface BackoffPolicy {
  /** First delay, ms. */
  baseMs: number;
  /** Largest delay, ms. */
  maxMs: number;
  /** Growth per attempt; 2 doubles. */
  factor?: number;
  /** Fraction (0..1) of each delay that may be shaved off at random. */
  jitter?: number;
}

/**
 * Reconnecting to an exchange or relay that was down: a cap of 1.5 s means a client resumes
 * within ~2 s of its peer returning, and the jitter keeps a dead peer from being hit in lockstep.
 */
export const RECONNECT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 1_500, jitter: 0.3 };

export function assertBackoffPolicy({ baseMs, maxMs, factor = 2, jitter = 0.2 }: BackoffPolicy): void {
  if (!(baseMs > 0) || !(maxMs >= baseMs)) {
    throw new RangeError(`backoff needs 0 < baseMs <= maxMs, got baseMs=${baseMs} maxMs=${maxMs}`);
  }
  if (!(jitter >= 0 && jitter <= 1) || !(factor >= 1)) {
    throw new RangeError(`backoff needs jitter in [0, 1] and factor >= 1, got jitter=${jitter} factor=${factor}`);
  }
}

/** Delay before retry number `attempt` (0 = first retry); `random` in [0, 1). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: number): number {
  const { baseMs, maxMs, factor = 2, jitter = 0.2 } = policy;
  // Clamping the exponent keeps factor ** attempt finite however long a peer stays down.
  const exponent = Math.min(Math.max(0, attempt), 64);
  const full = Math.min(maxMs, baseMs * factor ** exponent);
  return Math.round(full * (1 - jitter * random));
}

export interface Backoff {
  /** Delay before the next attempt; each call counts one attempt. */
  next(): number;
  /** Back to the first delay, after a success. */
  reset(): void;
  readonly attempts: number;
}

/** backoffDelay with its attempt counter, for callers that retry in a loop. */
export function createBackoff(policy: BackoffPolicy, random: () => number = Math.random): Backoff {
  assertBackoffPolicy(policy);
  let attempts = 0;
  return {
    next() {
      const delay = backoffDelay(attempts, policy, random());
      attempts += 1;
      return delay;
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
