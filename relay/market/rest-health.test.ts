import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RestHealth } from './rest-health.ts';

describe('RestHealth', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('starts connecting and becomes connected after a successful probe', async () => {
    const health = new RestHealth({ probe: async () => 'ok' });
    expect(health.status().state).toBe('connecting');
    health.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(health.status()).toEqual({ state: 'connected', lastError: null, nextRetryAt: null });
  });

  it('retries an unreachable exchange with doubling delays up to the bound, then recovers', async () => {
    let reachable = false;
    let probes = 0;
    const health = new RestHealth({
      probe: async () => {
        probes++;
        if (!reachable) throw new Error('connect ECONNREFUSED');
      },
      initialRetryMs: 1_000,
      maxRetryMs: 4_000,
    });
    health.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(health.status()).toEqual({ state: 'reconnecting', lastError: 'connect ECONNREFUSED', nextRetryAt: 1_000 });

    await vi.advanceTimersByTimeAsync(1_000); // probe 2 fails -> next in 2 s
    expect(health.status().nextRetryAt).toBe(3_000);
    await vi.advanceTimersByTimeAsync(2_000); // probe 3 fails -> next in 4 s
    expect(health.status().nextRetryAt).toBe(7_000);
    await vi.advanceTimersByTimeAsync(4_000); // probe 4 fails -> capped at 4 s
    expect(health.status().nextRetryAt).toBe(11_000);
    expect(probes).toBe(4);

    reachable = true;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(health.status().state).toBe('connected');
    expect(probes).toBe(5);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toBe(5);
  });

  it('keeps one scheduled probe when many requests fail at once', async () => {
    let probes = 0;
    const health = new RestHealth({
      probe: async () => {
        probes++;
        throw new Error('down');
      },
    });
    health.reportFailure(new Error('a'));
    health.reportFailure(new Error('b'));
    expect(health.status()).toEqual({ state: 'reconnecting', lastError: 'b', nextRetryAt: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(probes).toBe(1);
    health.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(probes).toBe(1);
  });
});
