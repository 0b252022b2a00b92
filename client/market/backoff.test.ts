import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('backoffDelay', () => {
  const policy = { baseMs: 500, maxMs: 15_000 };

  it('doubles per attempt within [half, full] of the step', () => {
    expect(backoffDelay(0, policy, 0)).toBe(250);
    expect(backoffDelay(0, policy, 0.999_999)).toBe(500);
    expect(backoffDelay(3, policy, 0)).toBe(2_000);
  });

  it('never exceeds the cap however many attempts failed', () => {
    expect(backoffDelay(30, policy, 0.999_999)).toBe(15_000);
    expect(backoffDelay(1_000, policy, 0.5)).toBe(11_250);
  });
});
