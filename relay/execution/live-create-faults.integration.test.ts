import type { RestClientV5 } from 'bybit-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { createSignedBybitClient } from '../exchange/bybit-private-calls.ts';
import { CircuitBreaker, CircuitOpenError } from '../exchange/circuit-breaker.ts';
import { BybitLiveVenue } from './bybit-live-venue.ts';
import type { VenueOrderRequest } from './venue.ts';

/** order/create under each transient fault, through bybit-api against the stand-in: one order per orderLinkId, whatever was lost. */
let sim: BybitStandIn;
let client: RestClientV5;
let venue: BybitLiveVenue;
/** Private requests that reached the stand-in, by path. */
const arrived: string[] = [];

beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 5, realSymbols: ['BTCUSDT'], onRestRequest: ({ path }) => void (path.startsWith('/v5/market') ? null : arrived.push(path)) });
  // A short client timeout, so a delayed create is given up on while the stand-in still carries it out.
  client = createSignedBybitClient(sim.restUrl, sim.credentials.apiKey, sim.credentials.apiSecret, 300);
  venue = new BybitLiveVenue({ client, breaker: new CircuitBreaker({ failureThreshold: 100, openMs: 60_000, peer: 'Bybit' }), retryBackoff: { baseMs: 5, maxMs: 20, jitter: 0.5 } });
});
afterEach(() => {
  sim.faults.clear();
  sim.setOffline(false);
  arrived.length = 0;
});
afterAll(async () => {
  venue.close();
  await sim.close();
});

const limitBuy = (orderLinkId: string): VenueOrderRequest => ({ orderLinkId, symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.001', quoteAmount: null, price: '10000', timeInForce: 'GTC' });
/** Orders the stand-in holds under an orderLinkId: the truth about duplicates. */
const onExchange = (orderLinkId: string) => sim.exchange.allOrders().filter((r) => r.order.orderLinkId === orderLinkId);
const creates = () => arrived.filter((path) => path === '/v5/order/create').length;

describe('a live create whose outcome is unknown', () => {
  it('lost answer after accept: found by its orderLinkId, not sent again', async () => {
    sim.faults.injectRest({ kind: 'lose-response', path: '/v5/order/create' });
    const placed = await venue.submit(limitBuy('cf-lost'));
    expect(placed.order).toMatchObject({ orderLinkId: 'cf-lost', status: 'new' });
    expect(creates()).toBe(1);
    expect(onExchange('cf-lost')).toHaveLength(1);
  });

  it('5xx: asked for first, sent again only because Bybit does not have it', async () => {
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/order/create', status: 502 });
    const placed = await venue.submit(limitBuy('cf-5xx'));
    expect(placed.order.status).toBe('new');
    expect(arrived.slice(0, 3)).toEqual(['/v5/order/create', '/v5/order/realtime', '/v5/order/history']);
    expect(creates()).toBe(2);
    expect(onExchange('cf-5xx')).toHaveLength(1);
  });

  it('10006: waits for the limit reset and sends again without asking (not carried out)', async () => {
    sim.faults.injectRest({ kind: 'rate-limit', path: '/v5/order/create' });
    const placed = await venue.submit(limitBuy('cf-busy'));
    expect(placed.order.status).toBe('new');
    expect(arrived.slice(0, 2)).toEqual(['/v5/order/create', '/v5/order/create']);
    expect(onExchange('cf-busy')).toHaveLength(1);
  });

  it('timeout while the create lands late: the resend and the late one make one order', async () => {
    sim.faults.injectRest({ kind: 'delay', path: '/v5/order/create', delayMs: 600 });
    const placed = await venue.submit(limitBuy('cf-late'));
    expect(placed.order.status).toBe('new');
    // The late create reaches the matching engine after the resend: it is refused as a duplicate orderLinkId.
    await expect.poll(() => creates()).toBe(2);
    // Waits out the fault's own delay, not a speed assumption: this timer is set after the late create
    // arrived and runs longer, so Node fires the stand-in's timer (and its synchronous handling) first.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(onExchange('cf-late')).toHaveLength(1);
  });

  it('a 5xx on every attempt: bounded sends, then an unknown outcome, never a circuit refusal', async () => {
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/order/create', times: 4 });
    await expect(venue.submit(limitBuy('cf-down'))).rejects.toThrow('Bybit order/create: HTTP 503');
    // The first send and the default three more.
    expect(creates()).toBe(4);
    expect(onExchange('cf-down')).toHaveLength(0);
  });

  it('disconnected after the create: the failed query leaves the outcome unknown, nothing resent', async () => {
    sim.faults.injectRest({ kind: 'lose-response', path: '/v5/order/create' });
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/order/realtime', times: 4 });
    const failure = await venue.submit(limitBuy('cf-cut')).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(CircuitOpenError);
    expect((failure as Error).message).toMatch(/asking for cf-cut: Bybit order\/realtime: HTTP 503/);
    expect(creates()).toBe(1);
    expect(onExchange('cf-cut')).toHaveLength(1);
  });
});
