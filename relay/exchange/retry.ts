import { createBackoff, type BackoffPolicy } from '../../shared/net/backoff.ts';

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** Each call gets its own backoff, so concurrent calls do not share a delay sequence. */
  backoff: BackoffPolicy;
  isRetryable: (error: unknown) => boolean;
  /**
   * Bound on the whole call, attempts and waits included, ms. The last attempt is cut short at
   * the deadline and fails with `onDeadline()`, so a caller never waits retries × timeout.
   */
  deadlineMs?: number;
  onDeadline?: () => Error;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
  /**
   * The wait before the next attempt, given the failure and the backoff's delay: e.g. until a
   * rate limit's reset time when the peer names one; it may rethrow the error to give up.
   * Defaults to the backoff's delay.
   */
  delayFor?: (error: unknown, backoffMs: number) => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task`, retrying transient failures after backoff delays; the last failure is rethrown. */
export async function withRetries<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, isRetryable, sleep = defaultSleep, now = Date.now, onRetry, delayFor = (_error: unknown, backoffMs: number) => backoffMs } = options;
  const backoff = createBackoff(options.backoff);
  const deadline = options.deadlineMs === undefined ? Infinity : now() + options.deadlineMs;
  const onDeadline = options.onDeadline ?? (() => new Error(`gave up after ${options.deadlineMs} ms`));
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await beforeDeadline(task(), deadline - now(), onDeadline);
    } catch (error) {
      if (attempt >= retries || !isRetryable(error)) throw error;
      const delayMs = delayFor(error, backoff.next());
      // Another attempt that could not even start before the deadline is not worth waiting for.
      if (now() + delayMs >= deadline) throw error;
      onRetry?.(error, delayMs, attempt + 1);
      await sleep(delayMs);
    }
  }
}

function beforeDeadline<T>(pending: Promise<T>, leftMs: number, onDeadline: () => Error): Promise<T> {
  if (leftMs === Infinity) return pending;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onDeadline()), Math.max(0, leftMs));
  });
  return Promise.race([pending, expired]).finally(() => clearTimeout(timer));
}
