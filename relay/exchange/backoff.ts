/**
 * Bounded exponential backoff with jitter, pure apart from the injected random source.
 * Jitter only shortens a delay, so the cap is a hard bound and simultaneous clients spread out.
 */
export interface BackoffOptions {
  /** First delay, ms. */
  baseMs: number;
  /** Largest delay, ms. */
  maxMs: number;
  /** Growth per attempt; 2 doubles. */
  factor?: number;
  /** Fraction (0..1) of each delay that may be shaved off at random. */
  jitter?: number;
  random?: () => number;
}

export interface Backoff {
  /** Delay before the next attempt; each call counts one attempt. */
  next(): number;
  /** Back to the first delay, after a success. */
  reset(): void;
  readonly attempts: number;
}

export function createBackoff(options: BackoffOptions): Backoff {
  const { baseMs, maxMs, factor = 2, jitter = 0.2, random = Math.random } = options;
  if (!(baseMs > 0) || !(maxMs >= baseMs)) {
    throw new RangeError(`backoff needs 0 < baseMs <= maxMs, got baseMs=${baseMs} maxMs=${maxMs}`);
  }
  if (!(jitter >= 0 && jitter <= 1) || !(factor >= 1)) {
    throw new RangeError(`backoff needs jitter in [0, 1] and factor >= 1, got jitter=${jitter} factor=${factor}`);
  }
  let attempts = 0;
  return {
    next() {
      const raw = Math.min(maxMs, baseMs * factor ** attempts);
      attempts += 1;
      return Math.round(raw * (1 - jitter * random()));
    },
    reset() {
      attempts = 0;
    },
    get attempts() {
      return attempts;
    },
  };
}
