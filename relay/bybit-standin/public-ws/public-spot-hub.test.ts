import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';
import { readBybitFixture } from '../../exchange/read-bybit-fixture.ts';
import { shapeOf, WsProbe } from '../test-support.ts';

let sim: BybitStandIn;
const probes: WsProbe[] = [];
async function probe(): Promise<WsProbe> {
  const p = await WsProbe.open(sim.wsPublicSpotUrl);
  probes.push(p);
  return p;
}

beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 5, tickMs: 100 });
});
afterAll(async () => {
  for (const p of probes) p.close();
  await sim.close();
});

describe('public spot WS control messages', () => {
  it('acks a subscribe in the spot shape and echoes req_id', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', req_id: '10001', args: ['tickers.BTCUSDT'] });
    const ack = await ws.next((f) => f.op === 'subscribe');
    expect(shapeOf(ack)).toEqual(shapeOf(readBybitFixture('ws/subscribe.ack.public-spot.json')));
    expect(ack).toMatchObject({ success: true, ret_msg: 'subscribe', req_id: '10001' });
    expect(ack.conn_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('omits req_id when the request had none, as captured from Bybit', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', args: ['tickers.SOLUSDT'] });
    const ack = await ws.next((f) => f.op === 'subscribe');
    expect(Object.keys(ack)).toEqual(Object.keys(readBybitFixture('ws/captured/subscribe.ack.public-spot.linlichieh.json') as object));
  });

  it('answers op ping with the public pong (op stays "ping") in compact JSON', async () => {
    const ws = await probe();
    const raw = new Promise<string>((resolve) => ws.socket.once('message', (d) => resolve(d.toString())));
    ws.send({ op: 'ping', req_id: 'p1' });
    expect(await raw).toContain('"ret_msg":"pong"');
    const pong = await ws.next((f) => f.op === 'ping');
    expect(pong).toMatchObject({ success: true, ret_msg: 'pong', req_id: 'p1', op: 'ping' });
    ws.send({ op: 'ping' });
    expect(Object.keys(await ws.next((f) => f.op === 'ping'))).toEqual(Object.keys(readBybitFixture('ws/pong.public-spot.json') as object));
  });

  it('answers WS-level ping frames', async () => {
    const ws = await probe();
    const pong = new Promise<void>((resolve) => ws.socket.once('pong', () => resolve()));
    ws.socket.ping();
    await pong;
  });

  it('refuses the whole request when one topic is unknown, naming it like Bybit', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', req_id: 'bad', args: ['tickers.BTCUSDT', 'orderbook.1.NOPEUSDT'] });
    expect(await ws.next((f) => f.op === 'subscribe')).toMatchObject({
      success: false,
      ret_msg: 'error:handler not found,topic:orderbook.1.NOPEUSDT',
      req_id: 'bad',
    });
    ws.send({ op: 'subscribe', args: ['kline.2.BTCUSDT'] });
    expect((await ws.next((f) => f.op === 'subscribe')).ret_msg).toBe('error:handler not found,topic:kline.2.BTCUSDT');
  });

  it('refuses a topic already subscribed on the connection', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', args: ['tickers.ETHBTC'] });
    await ws.next((f) => f.op === 'subscribe' && f.success === true);
    ws.send({ op: 'subscribe', args: ['tickers.ETHBTC'] });
    expect((await ws.next((f) => f.op === 'subscribe')).ret_msg).toBe('error:already subscribed,topic:tickers.ETHBTC');
  });
});

describe('public spot WS pushes', () => {
  it('pushes ticker snapshots with cs in the published spot shape', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', args: ['tickers.BTCUSDT'] });
    const first = await ws.next((f) => f.topic === 'tickers.BTCUSDT');
    const second = await ws.next((f) => f.topic === 'tickers.BTCUSDT');
    expect(shapeOf(first)).toEqual(shapeOf(readBybitFixture('ws/tickers.spot.json')));
    expect(first.type).toBe('snapshot');
    expect(second.cs as number).toBeGreaterThan(first.cs as number);
    expect(second.ts as number).toBeGreaterThan(first.ts as number);
  });

  it('pushes the forming kline in the published shape', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', req_id: 'k', args: ['kline.5.XRPETH'] });
    const push = await ws.next((f) => f.topic === 'kline.5.XRPETH');
    expect(shapeOf(push)).toEqual(shapeOf(readBybitFixture('ws/kline.linear.json')));
    const [bar] = push.data as { start: number; end: number; interval: string; confirm: boolean }[];
    expect(bar).toMatchObject({ interval: '5', confirm: false });
    expect(bar!.end - bar!.start).toBe(5 * 60_000 - 1);
  });

  it('stops pushing a topic after unsubscribe', async () => {
    const ws = await probe();
    ws.send({ op: 'subscribe', args: ['tickers.XRPETH'] });
    await ws.next((f) => f.topic === 'tickers.XRPETH');
    ws.send({ op: 'unsubscribe', req_id: 'u', args: ['tickers.XRPETH'] });
    expect(await ws.next((f) => f.op === 'unsubscribe')).toMatchObject({ success: true, req_id: 'u' });
    await new Promise((r) => setTimeout(r, 350));
    await expect(ws.next((f) => f.topic === 'tickers.XRPETH', 300)).rejects.toThrow(/no matching frame/);
  });
});

describe('test controls', () => {
  it('dropConnections cuts clients without a close handshake', async () => {
    const ws = await probe();
    const closed = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));
    sim.dropConnections();
    expect(await closed).toBe(1006);
  });

  it('setOffline refuses upgrades and REST until back online', async () => {
    sim.setOffline(true);
    await expect(WsProbe.open(sim.wsPublicSpotUrl)).rejects.toThrow();
    await expect(fetch(`${sim.restUrl}/v5/market/time`)).rejects.toThrow();
    sim.setOffline(false);
    expect((await fetch(`${sim.restUrl}/v5/market/time`)).status).toBe(200);
    const ws = await probe();
    ws.send({ op: 'ping' });
    expect((await ws.next((f) => f.op === 'ping')).ret_msg).toBe('pong');
  });
});
