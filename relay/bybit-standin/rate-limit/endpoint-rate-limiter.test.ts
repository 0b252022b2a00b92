import { describe, expect, it } from 'vitest';
import { EndpointRateLimiter } from './endpoint-rate-limiter.ts';

describe('EndpointRateLimiter', () => {
  it('counts each endpoint over a rolling second and says when the oldest request leaves it', () => {
    const limiter = new EndpointRateLimiter({ '/a': 2 });
    expect(limiter.take('/a', 1000)).toEqual({ allowed: true, limit: 2, remaining: 1, resetAt: 1000 });
    expect(limiter.take('/a', 1400)).toEqual({ allowed: true, limit: 2, remaining: 0, resetAt: 1400 });
    expect(limiter.take('/a', 1999)).toEqual({ allowed: false, limit: 2, remaining: 0, resetAt: 2000 });
    expect(limiter.take('/a', 2000)?.allowed).toBe(true);
    expect(limiter.take('/unlimited', 2000)).toBeNull();
  });
});
