import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RestClientV5 } from 'bybit-api';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { BybitCallFailure, createBybitPrivateCalls, createSignedBybitClient } from './bybit-private-calls.ts';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.ts';

/** The retry and breaker policy of the relay's signed calls, through bybit-api against the stand-in's fault controls. */
let sim: BybitStandIn;
let client: RestClientV5;
/** Private requests that reached the stand-in, by path. */
const arrived: string[] = [];
beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 3, realSymbols: ['BTCUSDT'], onRestRequest: ({ path }) => void (path.startsWith('/v5/market') ? null : arrived.push(path)) });
  client = createSignedBybitClient(sim.restUrl, sim.credentials.apiKey, sim.credentials.apiSecret);
});
afterEach(() => {
  sim.faults.clear();
  arrived.length = 0;
});
afterAll(() => sim.close());

const calls = (breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 60_000, peer: 'Bybit' })) => {
  const slept: number[] = [];
  const call = createBybitPrivateCalls({ breaker, retries: 2, backoff: { baseMs: 10, maxMs: 40, jitter: 0.5 }, maxRateLimitWaitMs: 2_000, sleep: async (ms) => void slept.push(ms) });
  return { call, slept, breaker };
};
const accountInfo = () => client.getAccountInfo();
const limitBuy = (orderLinkId: string) => () => client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price: '10000', orderLinkId });

describe('signed Bybit calls', () => {
  it('retries a 5xx and a 10006 after backoff, waiting for the limit reset Bybit names', async () => {
    const { call, slept } = calls();
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/account/info', status: 502 });
    sim.faults.injectRest({ kind: 'rate-limit', path: '/v5/account/info' });
    const before = Date.now();
    const answer = await call('account/info', accountInfo, { retryUncertain: true });
    expect(answer.retCode).toBe(0);
    expect(arrived).toEqual(['/v5/account/info', '/v5/account/info', '/v5/account/info']);
    // The first wait is the backoff (10 ms less at most half); the second waits out the reset the stand-in set 1 s ahead.
    expect(slept[0]).toBeGreaterThanOrEqual(5);
    expect(slept[0]).toBeLessThanOrEqual(10);
    expect(slept[1]).toBeGreaterThan(1_000 - (Date.now() - before) - 50);
  });

  it('does not resend an order/create whose answer was lost: the failure says no answer came', async () => {
    const { call } = calls();
    sim.faults.injectRest({ kind: 'lose-response', path: '/v5/order/create' });
    const failure = await call('order/create', limitBuy('pc-lost'), { retryUncertain: false }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BybitCallFailure);
    expect(failure).toMatchObject({ kind: 'network' });
    expect(arrived).toEqual(['/v5/order/create']);
  });

  it('opens the breaker after N failed attempts in a row; while open nothing is sent', async () => {
    const { call, breaker } = calls();
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/account/info', times: 3 });
    await expect(call('account/info', accountInfo, { retryUncertain: true })).rejects.toThrow('Bybit account/info: HTTP 503');
    expect(breaker.status()).toMatchObject({ state: 'open', consecutiveFailures: 3, lastError: 'Bybit account/info: HTTP 503' });
    arrived.length = 0;
    await expect(call('order/create', limitBuy('pc-open'), { retryUncertain: false })).rejects.toBeInstanceOf(CircuitOpenError);
    expect(arrived).toEqual([]);
  });

  it('answers a business refusal as it came, without retrying, and it keeps the breaker closed', async () => {
    const { call, breaker } = calls();
    const refused = await call('order/create', () => client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Sell', orderType: 'Limit', qty: '5', price: '900', orderLinkId: 'pc-big' }), { retryUncertain: false });
    expect(refused.retCode).toBe(170131);
    expect(arrived).toEqual(['/v5/order/create']);
    expect(breaker.status().state).toBe('closed');
  });
});
