import { describe, expect, it } from 'vitest';
import { createBackoff } from './backoff.ts';

describe('createBackoff', () => {
  it('doubles from the base delay without jitter', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 10_000, jitter: 0 });
    expect([backoff.next(), backoff.next(), backoff.next(), backoff.next()]).toEqual([100, 200, 400, 800]);
    expect(backoff.attempts).toBe(4);
  });

  it('never exceeds the cap however many attempts fail', () => {
    const backoff = createBackoff({ baseMs: 500, maxMs: 3_000, jitter: 0 });
    const delays = Array.from({ length: 50 }, () => backoff.next());
    expect(delays.slice(0, 5)).toEqual([500, 1_000, 2_000, 3_000, 3_000]);
    expect(Math.max(...delays)).toBe(3_000);
    expect(delays.every(Number.isFinite)).toBe(true);
  });

  it('starts over from the base delay after reset', () => {
    const backoff = createBackoff({ baseMs: 100, maxMs: 1_000, jitter: 0 });
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.next()).toBe(100);
  });

  it('shaves at most the jitter fraction off each delay', () => {
    const lowest = createBackoff({ baseMs: 1_000, maxMs: 8_000, jitter: 0.5, random: () => 0.999999 });
    const highest = createBackoff({ baseMs: 1_000, maxMs: 8_000, jitter: 0.5, random: () => 0 });
    expect([lowest.next(), lowest.next()]).toEqual([500, 1_000]);
    expect([highest.next(), highest.next()]).toEqual([1_000, 2_000]);
  });

  it('rejects a cap below the base delay', () => {
    expect(() => createBackoff({ baseMs: 1_000, maxMs: 10 })).toThrow('0 < baseMs <= maxMs');
  });
});
