import { describe, expect, it } from 'vitest';
import { backoffDelay, createBackoff, RECONNECT_BACKOFF } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles per attempt up to the cap and jitter only shortens a step', () => {
    const policy = { baseMs: 500, maxMs: 15_000, jitter: 0.5 };
    expect(backoffDelay(0, policy, 0)).toBe(500);
    expect(backoffDelay(0, policy, 0.999_999)).toBe(250);
    expect(backoffDelay(3, policy, 0)).toBe(4_000);
    expect(backoffDelay(30, policy, 0)).toBe(15_000);
    expect(backoffDelay(1_000_000, policy, 0.5)).toBe(11_250);
  });

  it('keeps reconnects within 1.5 s however long the peer was down, never below 1 s once capped', () => {
    const capped = Array.from({ length: 200 }, (_, attempt) => backoffDelay(attempt, RECONNECT_BACKOFF, Math.random()));
    expect(Math.max(...capped)).toBeLessThanOrEqual(1_500);
    expect(Math.min(...capped.slice(3))).toBeGreaterThanOrEqual(1_050);
  });
});

describe('createBackoff', () => {
  it('counts attempts, doubles from the base delay and starts over after reset', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 1_000, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400, 800, 1_000]);
    expect(backoff.attempts).toBe(5);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('uses the injected random source for jitter', () => {
    const lowest = createBackoff({ baseMs: 1_000, maxMs: 8_000, jitter: 0.5 }, () => 0.999999);
    expect([lowest.next(), lowest.next()]).toEqual([500, 1_000]);
  });

  it('rejects a cap below the base delay and a jitter outside [0, 1]', () => {
    expect(() => createBackoff({ baseMs: 1_000, maxMs: 10 })).toThrow('0 < baseMs <= maxMs');
    expect(() => createBackoff({ baseMs: 1, maxMs: 10, jitter: 2 })).toThrow('jitter in [0, 1]');
  });
});
