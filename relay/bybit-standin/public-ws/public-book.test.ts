import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBybitFixture } from '../../exchange/read-bybit-fixture.ts';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';
import { levelRows } from '../market/book-wire.ts';
import { getJson, shapeOf, signedFetch, WsProbe } from '../test-support.ts';

/** One book and one trade tape behind REST and WS, the simulated account's own orders and fills included. */
let sim: BybitStandIn;
beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 8, realSymbols: ['BTCUSDT'], tickMs: 100 });
});
afterAll(() => sim.close());

const order = (params: Record<string, string>) => signedFetch(sim.restUrl, sim.credentials, 'POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', ...params });
type Book = { a: [string, string][]; b: [string, string][]; u: number; seq: number };
const restBook = async (limit: number) => (await getJson(`${sim.restUrl}/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=${limit}`)).body.result as Book;

describe('REST orderbook and recent trades', () => {
  it('serve the published shapes', async () => {
    const { body } = await getJson(`${sim.restUrl}/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=5`);
    expect(shapeOf(body)).toEqual(shapeOf(readBybitFixture('rest/market/orderbook.spot.json')));
    const trades = await getJson(`${sim.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=3`);
    expect(shapeOf(trades.body)).toEqual(shapeOf(readBybitFixture('rest/market/recent-trade.spot.json')));
    expect(trades.body.result['list']).toHaveLength(3);
  });

  it('a full tape from the first request, even when the stand-in starts on a minute boundary', async () => {
    const minuteStart = Math.floor(Date.now() / 60_000) * 60_000 + 1;
    const fresh = await startBybitStandIn({ seed: 8, realSymbols: ['BTCUSDT'], startTime: minuteStart });
    try {
      const { body } = await getJson(`${fresh.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=60`);
      const tape = body.result['list'] as { time: string }[];
      expect(tape).toHaveLength(60);
      const times = tape.map((t) => Number(t.time));
      // Trades one by one, newest first, not a caught-up minute's high and low sharing one time.
      expect(times).toEqual([...new Set(times)].sort((x, y) => y - x));
    } finally {
      await fresh.close();
    }
  });

  it('a book sorted best first on both sides', async () => {
    const book = await restBook(50);
    expect(book.b).toHaveLength(50);
    const bids = book.b.map(([p]) => Number(p));
    const asks = book.a.map(([p]) => Number(p));
    expect(bids).toEqual([...bids].sort((x, y) => y - x));
    expect(asks).toEqual([...asks].sort((x, y) => x - y));
    expect(bids[0]).toBeLessThan(asks[0]!);
  });

  it('the account’s taker fills are public trades', async () => {
    const placed = await order({ side: 'Buy', orderType: 'Market', qty: '0.01', marketUnit: 'baseCoin' });
    const orderId = (placed.body.result as { orderId: string }).orderId;
    const fills = await signedFetch(sim.restUrl, sim.credentials, 'GET', '/v5/execution/list', { category: 'spot', orderId });
    const execIds = (fills.body.result as { list: { execId: string }[] }).list.map((f) => f.execId);
    const { body } = await getJson(`${sim.restUrl}/v5/market/recent-trade?category=spot&symbol=BTCUSDT&limit=60`);
    const tape = body.result['list'] as { execId: string; side: string }[];
    for (const id of execIds) expect(tape.find((t) => t.execId === id)?.side).toBe('Buy');
  });

  it('refuses an unknown symbol and a depth beyond 200', async () => {
    expect((await getJson(`${sim.restUrl}/v5/market/orderbook?category=spot&symbol=NOPE`)).body['retCode']).toBe(10001);
    expect((await getJson(`${sim.restUrl}/v5/market/orderbook?category=spot&symbol=BTCUSDT&limit=201`)).body['retCode']).toBe(10001);
  });
});

describe('WS orderbook and publicTrade', () => {
  it('orderbook.50: a snapshot, then deltas that rebuild the exchange’s book exactly', async () => {
    const ws = await WsProbe.open(sim.wsPublicSpotUrl);
    ws.send({ op: 'subscribe', args: ['orderbook.50.BTCUSDT'] });
    const snapshot = await ws.next((f) => f['topic'] === 'orderbook.50.BTCUSDT');
    expect(shapeOf(snapshot)).toEqual(shapeOf(readBybitFixture('ws/captured/orderbook.1.snapshot.linear.moxt.json')));
    expect(snapshot['type']).toBe('snapshot');
    const local = { b: new Map((snapshot['data'] as Book).b), a: new Map((snapshot['data'] as Book).a) };
    let lastU = (snapshot['data'] as Book).u;
    let compared = 0;
    let deletions = 0;
    for (let i = 0; i < 20; i++) {
      const delta = await ws.next((f) => f['topic'] === 'orderbook.50.BTCUSDT');
      const data = delta['data'] as Book;
      expect(delta['type']).toBe('delta');
      expect(data.u).toBeGreaterThan(lastU);
      lastU = data.u;
      for (const [side, rows] of [['b', data.b], ['a', data.a]] as const) {
        for (const [price, size] of rows) {
          if (size === '0') {
            deletions += 1;
            local[side].delete(price);
          } else local[side].set(price, size);
        }
      }
      const now = sim.exchange.book('BTCUSDT', 50)!;
      if (now.u !== data.u) continue;
      const sorted = (m: Map<string, string>, desc: boolean) => [...m].sort(([x], [y]) => (desc ? Number(y) - Number(x) : Number(x) - Number(y)));
      expect(sorted(local.b, true)).toEqual(levelRows(now.bids));
      expect(sorted(local.a, false)).toEqual(levelRows(now.asks));
      compared += 1;
    }
    expect(compared).toBeGreaterThan(0);
    expect(deletions).toBeGreaterThan(0);
    ws.close();
  });

  it('orderbook.1 always sends the top of book as a snapshot', async () => {
    const ws = await WsProbe.open(sim.wsPublicSpotUrl);
    ws.send({ op: 'subscribe', args: ['orderbook.1.BTCUSDT'] });
    for (let i = 0; i < 3; i++) {
      const frame = await ws.next((f) => f['topic'] === 'orderbook.1.BTCUSDT');
      expect(frame['type']).toBe('snapshot');
      expect([(frame['data'] as Book).b.length, (frame['data'] as Book).a.length]).toEqual([1, 1]);
    }
    ws.close();
  });

  it('publicTrade pushes the walk’s trades and the account’s own taker fills, shaped as published', async () => {
    const ws = await WsProbe.open(sim.wsPublicSpotUrl);
    ws.send({ op: 'subscribe', args: ['publicTrade.BTCUSDT'] });
    await ws.next((f) => f['op'] === 'subscribe');
    const walk = await ws.next((f) => f['topic'] === 'publicTrade.BTCUSDT');
    expect(shapeOf(walk)).toEqual(shapeOf(readBybitFixture('ws/publicTrade.linear.json')));
    const placed = await order({ side: 'Sell', orderType: 'Market', qty: '0.002' });
    const orderId = (placed.body.result as { orderId: string }).orderId;
    const fills = await signedFetch(sim.restUrl, sim.credentials, 'GET', '/v5/execution/list', { category: 'spot', orderId });
    const execId = (fills.body.result as { list: { execId: string }[] }).list[0]!.execId;
    const own = await ws.next((f) => f['topic'] === 'publicTrade.BTCUSDT' && (f['data'] as { i: string }[]).some((t) => t.i === execId));
    expect((own['data'] as { i: string; S: string }[]).find((t) => t.i === execId)!.S).toBe('Sell');
    ws.close();
  });
});
