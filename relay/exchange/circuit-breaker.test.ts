import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.ts';

class Outage extends Error {}
const isOutage = (error: unknown) => error instanceof Outage;

describe('CircuitBreaker', () => {
  let time = 0;
  const breaker = () => new CircuitBreaker({ failureThreshold: 3, openMs: 1_000, peer: 'Bybit', now: () => time });
  const fail = (b: CircuitBreaker) => b.run(async () => Promise.reject(new Outage('HTTP 503')), isOutage).catch((e: unknown) => e);
  const succeed = (b: CircuitBreaker) => b.run(async () => 'ok', isOutage);

  it('opens after N failures in a row and then refuses without running the call', async () => {
    time = 0;
    const b = breaker();
    const changes: string[] = [];
    b.onChange((from, to) => changes.push(`${from}->${to}`));
    await fail(b);
    await fail(b);
    expect(b.status()).toMatchObject({ state: 'closed', consecutiveFailures: 2 });
    await fail(b);
    expect(b.status()).toMatchObject({ state: 'open', consecutiveFailures: 3, lastError: 'HTTP 503', openedAt: new Date(0).toISOString(), probeAt: new Date(1_000).toISOString() });
    let ran = false;
    const refused = await b.run(async () => void (ran = true), isOutage).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(refused).toBeInstanceOf(CircuitOpenError);
    expect((refused as Error).message).toMatch(/^Bybit circuit breaker is open after 3 failures in a row \(last: HTTP 503\); next probe at /);
    expect(changes).toEqual(['closed->open']);
  });

  it('lets one probe through once open long enough: closed again when it succeeds, open again when it fails', async () => {
    time = 0;
    const b = breaker();
    for (let i = 0; i < 3; i++) await fail(b);
    time = 1_000;
    expect(b.status().state).toBe('half_open');
    await fail(b);
    expect(b.status()).toMatchObject({ state: 'open', openedAt: new Date(1_000).toISOString() });
    time = 2_000;
    let release!: () => void;
    const probe = b.run(() => new Promise<string>((resolve) => (release = () => resolve('back'))), isOutage);
    // While the probe is out, every other call is refused.
    expect(await succeed(b).catch((e: unknown) => e)).toBeInstanceOf(CircuitOpenError);
    release();
    expect(await probe).toBe('back');
    expect(b.status()).toMatchObject({ state: 'closed', consecutiveFailures: 0, lastError: null });
  });

  it('counts an answer that refuses a request as the peer being there', async () => {
    time = 0;
    const b = breaker();
    await fail(b);
    await fail(b);
    await b.run(async () => Promise.reject(new Error('170131 insufficient balance')), isOutage).catch(() => undefined);
    await fail(b);
    expect(b.status()).toMatchObject({ state: 'closed', consecutiveFailures: 1 });
  });
});
