import { createHmac } from 'node:crypto';
import { RestClientV5 } from 'bybit-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';
import { WsProbe } from '../test-support.ts';

/** The fault controls as a client of the stand-in lives them, through the real RestClientV5. */
let sim: BybitStandIn;
let client: RestClientV5;
beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 6, realSymbols: ['BTCUSDT'], rateLimits: { '/v5/order/create': 1000, '/v5/account/info': 1000 } });
  client = new RestClientV5({ baseUrl: sim.restUrl, key: sim.credentials.apiKey, secret: sim.credentials.apiSecret });
});
afterEach(() => sim.faults.clear());
afterAll(() => sim.close());

const limitBuy = (orderLinkId: string) => client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price: '10000', orderLinkId });
const byLinkId = async (orderLinkId: string) => (await client.getActiveOrders({ category: 'spot', symbol: 'BTCUSDT', orderLinkId })).result.list;

describe('REST faults', () => {
  it('a response lost after the order was accepted: the client gets an error, the order exists', async () => {
    sim.faults.injectRest({ kind: 'lose-response', path: '/v5/order/create' });
    await expect(limitBuy('lost-1')).rejects.toBeDefined();
    expect((await byLinkId('lost-1')).map((o) => o.orderStatus)).toEqual(['New']);
    // Re-sending the same orderLinkId cannot make a second order.
    expect((await limitBuy('lost-1')).retCode).toBe(170141);
  });

  it('a 5xx and a 10006 leave nothing behind', async () => {
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/order/create', status: 502 });
    await expect(limitBuy('gw-1')).rejects.toMatchObject({ code: 502 });
    sim.faults.injectRest({ kind: 'rate-limit', path: '/v5/order/create' });
    const limited = await limitBuy('rl-1');
    expect([limited.retCode, limited.retMsg]).toEqual([10006, 'Too many visits!']);
    expect(await byLinkId('gw-1')).toEqual([]);
    expect(await byLinkId('rl-1')).toEqual([]);
  });

  it('a delay holds the answer back', async () => {
    sim.faults.injectRest({ kind: 'delay', delayMs: 300 });
    const started = Date.now();
    expect((await client.getAccountInfo()).retCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('random faults hit about the asked share of requests, only the chosen kinds', async () => {
    sim.faults.setRandomRest({ probability: 0.2, kinds: ['rate-limit'], paths: ['/v5/account/info'], seed: 9 });
    const codes = [];
    for (let i = 0; i < 100; i++) codes.push((await client.getAccountInfo()).retCode);
    const limited = codes.filter((c) => c === 10006).length;
    expect(limited).toBeGreaterThan(8);
    expect(limited).toBeLessThan(35);
    expect(codes.every((c) => c === 0 || c === 10006)).toBe(true);
  });
});

describe('private WS faults', () => {
  async function orderProbe(): Promise<WsProbe> {
    const ws = await WsProbe.open(sim.wsPrivateUrl);
    const expires = Date.now() + 5000;
    ws.send({ op: 'auth', args: [sim.credentials.apiKey, expires, createHmac('sha256', sim.credentials.apiSecret).update(`GET/realtime${expires}`).digest('hex')] });
    await ws.next((f) => f['op'] === 'auth' && f['success'] === true);
    ws.send({ op: 'subscribe', args: ['order'] });
    await ws.next((f) => f['op'] === 'subscribe');
    return ws;
  }
  const pushFor = (linkId: string) => (f: Record<string, unknown>) => f['topic'] === 'order' && (f['data'] as { orderLinkId: string }[])[0]?.orderLinkId === linkId;

  it('dropped pushes leave REST state changed and unannounced until the drop ends', async () => {
    const ws = await orderProbe();
    sim.faults.setPrivatePushesDropped(true);
    await limitBuy('quiet-1');
    await expect(ws.next(pushFor('quiet-1'), 300)).rejects.toThrow(/no matching frame/);
    expect(await byLinkId('quiet-1')).toHaveLength(1);
    sim.faults.setPrivatePushesDropped(false);
    await limitBuy('loud-1');
    await ws.next(pushFor('loud-1'));
    ws.close();
  });

  it('a private disconnect cuts the socket without a close frame', async () => {
    const ws = await orderProbe();
    const closed = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));
    sim.faults.dropPrivateConnections();
    expect(await closed).toBe(1006);
  });
});
