import { describe, expect, it } from 'vitest';
import { withRetries } from './retry.ts';

class Transient extends Error {}

function flaky(failures: number, error: () => Error) {
  let calls = 0;
  return {
    task: async () => {
      calls += 1;
      if (calls <= failures) throw error();
      return `ok after ${calls}`;
    },
    calls: () => calls,
  };
}

describe('withRetries', () => {
  const backoff = () => ({ baseMs: 100, maxMs: 1_000, jitter: 0 });

  it('retries transient failures with growing delays, then succeeds', async () => {
    const slept: number[] = [];
    const { task, calls } = flaky(2, () => new Transient('blip'));
    const result = await withRetries(task, {
      retries: 3,
      backoff: backoff(),
      isRetryable: (e) => e instanceof Transient,
      sleep: async (ms) => void slept.push(ms),
    });
    expect(result).toBe('ok after 3');
    expect(calls()).toBe(3);
    expect(slept).toEqual([100, 200]);
  });

  it('gives up after the retry budget with the last error', async () => {
    const { task, calls } = flaky(10, () => new Transient('still down'));
    await expect(
      withRetries(task, { retries: 2, backoff: backoff(), isRetryable: () => true, sleep: async () => {} }),
    ).rejects.toThrow('still down');
    expect(calls()).toBe(3);
  });

  it('does not retry a permanent failure', async () => {
    const { task, calls } = flaky(10, () => new Error('bad symbol'));
    await expect(
      withRetries(task, { retries: 5, backoff: backoff(), isRetryable: (e) => e instanceof Transient, sleep: async () => {} }),
    ).rejects.toThrow('bad symbol');
    expect(calls()).toBe(1);
  });
});

describe('withRetries with a deadline', () => {
  it('bounds the whole call however slow each attempt is', async () => {
    let calls = 0;
    const hanging = () => {
      calls += 1;
      return new Promise<string>((_, reject) => setTimeout(() => reject(new Transient('attempt timed out')), 200));
    };
    const started = Date.now();
    await expect(
      withRetries(hanging, {
        retries: 5,
        backoff: { baseMs: 20, maxMs: 20, jitter: 0 },
        isRetryable: () => true,
        deadlineMs: 300,
        onDeadline: () => new Transient('deadline'),
      }),
    ).rejects.toThrow('deadline');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(450);
    expect(calls).toBe(2);
  });
});
