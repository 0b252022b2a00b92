import { createHmac } from 'node:crypto';
import { RestClientV5, WebsocketClient } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBybitFixture } from '../../exchange/read-bybit-fixture.ts';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';
import { shapeOf, signedFetch, WsProbe } from '../test-support.ts';

let sim: BybitStandIn;
beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 4, realSymbols: ['BTCUSDT'], tickMs: 100 });
});
afterAll(() => sim.close());

function authArgs(secret = sim.credentials.apiSecret, expires = Date.now() + 5000): [string, number, string] {
  return [sim.credentials.apiKey, expires, createHmac('sha256', secret).update(`GET/realtime${expires}`).digest('hex')];
}

async function authedProbe(topics: string[]): Promise<WsProbe> {
  const ws = await WsProbe.open(sim.wsPrivateUrl);
  ws.send({ req_id: 'a1', op: 'auth', args: authArgs() });
  await ws.next((f) => f['op'] === 'auth');
  ws.send({ req_id: 's1', op: 'subscribe', args: topics });
  await ws.next((f) => f['op'] === 'subscribe');
  return ws;
}

const marketBuy = (qty: string) =>
  signedFetch(sim.restUrl, sim.credentials, 'POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty });

describe('private WS control messages match the captured ones', () => {
  it('auth, subscribe and the private pong', async () => {
    const ws = await WsProbe.open(sim.wsPrivateUrl);
    ws.send({ req_id: 's0', op: 'subscribe', args: ['order'] });
    expect(await ws.next((f) => f['op'] === 'subscribe')).toMatchObject({ success: false });
    ws.send({ req_id: 'a1', op: 'auth', args: authArgs() });
    const auth = await ws.next((f) => f['op'] === 'auth');
    expect(shapeOf(auth)).toEqual(shapeOf(readBybitFixture('ws/captured/auth.success.private.moxt.json')));
    expect(auth['success']).toBe(true);
    ws.send({ req_id: 's1', op: 'subscribe', args: ['order.spot', 'execution', 'wallet'] });
    expect(shapeOf(await ws.next((f) => f['op'] === 'subscribe'))).toEqual(shapeOf(readBybitFixture('ws/captured/subscribe.ack.private.moxt.json')));
    ws.send({ req_id: 'p1', op: 'ping' });
    const pong = await ws.next((f) => f['op'] === 'pong');
    expect(shapeOf(pong)).toEqual(shapeOf(readBybitFixture('ws/captured/pong.private.moxt.json')));
    expect((pong['args'] as string[])[0]).toMatch(/^\d{13}$/);
    ws.close();
  });

  it('refuses a wrong signature, an expired one and an unknown topic', async () => {
    const ws = await WsProbe.open(sim.wsPrivateUrl);
    ws.send({ op: 'auth', args: authArgs('wrong-secret') });
    expect(await ws.next((f) => f['op'] === 'auth')).toMatchObject({ success: false, ret_msg: 'error:signature invalid' });
    ws.send({ op: 'auth', args: authArgs(undefined, Date.now() - 1) });
    expect(await ws.next((f) => f['op'] === 'auth')).toMatchObject({ success: false, ret_msg: 'error:expires is in the past' });
    ws.send({ op: 'auth', args: authArgs() });
    await ws.next((f) => f['op'] === 'auth' && f['success'] === true);
    ws.send({ op: 'subscribe', args: ['position'] });
    expect(await ws.next((f) => f['op'] === 'subscribe')).toMatchObject({ success: false, ret_msg: 'error:handler not found,topic:position' });
    ws.close();
  });
});

describe('pushes follow REST state', () => {
  it('a market buy pushes its executions, its order and the wallet, shaped as captured, the wallet as REST then reads it', async () => {
    const ws = await authedProbe(['order.spot', 'execution.spot', 'wallet']);
    const created = await marketBuy('50');
    const orderId = (created.body.result as { orderId: string }).orderId;
    const execution = await ws.next((f) => f['topic'] === 'execution.spot');
    expect(shapeOf(execution)).toEqual(shapeOf(readBybitFixture('ws/captured/execution.spot.linlichieh.json')));
    expect((execution['data'] as { orderId: string }[])[0]!.orderId).toBe(orderId);
    const order = await ws.next((f) => f['topic'] === 'order.spot');
    expect(shapeOf(order)).toEqual(shapeOf(readBybitFixture('ws/captured/order.spot.linlichieh.json')));
    expect((order['data'] as { orderStatus: string; feeCurrency: string }[])[0]).toMatchObject({ feeCurrency: 'BTC' });
    const wallet = await ws.next((f) => f['topic'] === 'wallet');
    expect(shapeOf(wallet)).toEqual(shapeOf(readBybitFixture('ws/wallet.unified.json')));
    const pushedUsdt = (wallet['data'] as { coin: { coin: string; walletBalance: string }[] }[])[0]!.coin.find((c) => c.coin === 'USDT')!;
    const rest = await signedFetch(sim.restUrl, sim.credentials, 'GET', '/v5/account/wallet-balance', { accountType: 'UNIFIED', coin: 'USDT' });
    expect((rest.body.result as { list: { coin: { walletBalance: string }[] }[] }).list[0]!.coin[0]!.walletBalance).toBe(pushedUsdt.walletBalance);
    ws.close();
  });

  it('the all-in-one topics carry the same spot items', async () => {
    const ws = await authedProbe(['order', 'execution']);
    await marketBuy('10');
    const order = await ws.next((f) => f['topic'] === 'order');
    expect((order['data'] as { category: string }[])[0]!.category).toBe('spot');
    await ws.next((f) => f['topic'] === 'execution');
    ws.close();
  });
});

describe('the real bybit-api WebsocketClient on the private URL', () => {
  it('authenticates by itself and receives order, execution and wallet updates for a signed REST order', async () => {
    const { apiKey: key, apiSecret: secret } = sim.credentials;
    const ws = new WebsocketClient({ key, secret, wsUrl: sim.wsPrivateUrl }, silentLogger);
    const rest = new RestClientV5({ baseUrl: sim.restUrl, key, secret });
    try {
      const topics = new Set<string>();
      const all = new Promise<void>((resolve) =>
        ws.on('update', (u: { topic: string }) => {
          topics.add(u.topic);
          if (topics.size === 3) resolve();
        }),
      );
      // subscribeV5 settles once the request is queued; the ack comes after the client's own auth.
      const subscribed = new Promise<void>((resolve) => ws.on('response', (r: { op?: string; success?: boolean }) => r.op === 'subscribe' && r.success && resolve()));
      void ws.subscribeV5(['order', 'execution', 'wallet'], 'spot', true);
      await subscribed;
      const placed = await rest.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Sell', orderType: 'Market', qty: '0.001' });
      expect(placed.retCode).toBe(0);
      await all;
      expect([...topics].sort()).toEqual(['execution', 'order', 'wallet']);
    } finally {
      ws.closeAll(true);
    }
  });
});

const silentLogger = { trace: () => {}, info: () => {}, error: () => {} };
