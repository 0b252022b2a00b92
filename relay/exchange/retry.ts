import { createBackoff, type BackoffOptions } from './backoff.ts';

export interface RetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** Each call gets its own backoff, so concurrent calls do not share a delay sequence. */
  backoff: BackoffOptions;
  isRetryable: (error: unknown) => boolean;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: unknown, delayMs: number, attempt: number) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `task`, retrying transient failures after backoff delays; the last failure is rethrown. */
export async function withRetries<T>(task: () => Promise<T>, options: RetryOptions): Promise<T> {
  const { retries, isRetryable, sleep = defaultSleep, onRetry } = options;
  const backoff = createBackoff(options.backoff);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await task();
    } catch (error) {
      if (attempt >= retries || !isRetryable(error)) throw error;
      const delayMs = backoff.next();
      onRetry?.(error, delayMs, attempt + 1);
      await sleep(delayMs);
    }
  }
}
