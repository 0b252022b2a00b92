import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RestHealth } from './rest-health.ts';

const noJitter = { baseMs: 1_000, maxMs: 4_000, jitter: 0 };

describe('RestHealth', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('starts connecting and becomes connected after a successful probe', async () => {
    const health = new RestHealth({ probe: async () => 'ok' });
    expect(health.status().state).toBe('connecting');
    health.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(health.status()).toEqual({ state: 'connected', lastError: null, nextRetryAt: null });
    health.close();
  });

  it('retries an unreachable exchange with doubling delays up to the bound, then recovers', async () => {
    let reachable = false;
    let probes = 0;
    const health = new RestHealth({
      probe: async () => {
        probes++;
        if (!reachable) throw new Error('connect ECONNREFUSED');
      },
      retryBackoff: noJitter,
      idleProbeMs: 60_000,
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
    health.close();
  });

  it('retries within 1.5 s by default however long the exchange has been down', async () => {
    const health = new RestHealth({ probe: () => Promise.reject(new Error('down')) });
    health.start();
    for (let i = 0; i < 30; i++) {
      await vi.advanceTimersByTimeAsync(0);
      const { nextRetryAt } = health.status();
      expect(nextRetryAt! - Date.now()).toBeLessThanOrEqual(1_500);
      await vi.advanceTimersByTimeAsync(nextRetryAt! - Date.now());
    }
    health.close();
  });

  it('probes an idle exchange, so one that dies while nobody calls it stops showing as connected', async () => {
    let reachable = true;
    let probes = 0;
    const health = new RestHealth({
      probe: async () => {
        probes++;
        if (!reachable) throw new Error('connect ECONNREFUSED');
      },
      idleProbeMs: 2_000,
    });
    health.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(health.status().state).toBe('connected');

    // Routed calls that succeed postpone the idle probe: no extra upstream traffic while busy.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(1_500);
      health.reportSuccess();
    }
    expect(probes).toBe(1);

    reachable = false;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(probes).toBe(2);
    expect(health.status()).toMatchObject({ state: 'reconnecting', lastError: 'connect ECONNREFUSED' });
    health.close();
  });

  it('keeps one scheduled probe when many requests fail at once', async () => {
    let probes = 0;
    const health = new RestHealth({
      probe: async () => {
        probes++;
        throw new Error('down');
      },
      retryBackoff: noJitter,
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
