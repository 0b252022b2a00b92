import { RestClientV5, WebsocketClient } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KlineResultSchema,
  RestEnvelopeSchema,
  restSuccessSchema,
  SpotInstrumentsResultSchema,
  SpotTickersResultSchema,
  WsKlinePushSchema,
  WsPublicPongSchema,
  WsSubscribeAckSchema,
  WsTickerPushSchema,
} from '../exchange/bybit-wire.ts';
import { startBybitStandIn, type BybitStandIn } from './index.ts';
import { readBybitFixture } from '../exchange/read-bybit-fixture.ts';
import { getJson, WsProbe } from './test-support.ts';

/**
 * One contract, two sources: the relay's zod schemas of the Bybit wire format must accept both the
 * real published bodies and what this stand-in serves over real HTTP/WS, so a drift on either
 * side shows here.
 */
let sim: BybitStandIn;
beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 3, tickMs: 100 });
});
afterAll(() => sim.close());

const restCases = [
  ['instruments-info', 'instruments-info?category=spot', 'rest/market/instruments-info.spot.json', SpotInstrumentsResultSchema],
  ['tickers', 'tickers?category=spot', 'rest/market/tickers.spot.json', SpotTickersResultSchema],
  ['kline', 'kline?category=spot&symbol=BTCUSDT&interval=15&limit=50', 'rest/market/kline.inverse.json', KlineResultSchema],
] as const;

describe('REST contract: fixtures and stand-in through the same schemas', () => {
  it.each(restCases)('%s', async (_name, path, fixture, schema) => {
    restSuccessSchema(schema).parse(readBybitFixture(fixture));
    const { body } = await getJson(`${sim.restUrl}/v5/market/${path}`);
    const parsed = restSuccessSchema(schema).parse(body);
    expect(parsed.result.list.length).toBeGreaterThan(0);
  });

  it('errors keep the envelope on both sides', async () => {
    RestEnvelopeSchema.parse(readBybitFixture('rest/errors/10001.create.side-invalid.moxt.json'));
    const { body } = await getJson(`${sim.restUrl}/v5/market/kline?category=spot&symbol=NOPE&interval=1`);
    expect(RestEnvelopeSchema.parse(body).retCode).toBe(10001);
  });
});

describe('WS contract: fixtures and stand-in through the same schemas', () => {
  it('subscribe ack, pong, ticker and kline pushes', async () => {
    WsSubscribeAckSchema.parse(readBybitFixture('ws/subscribe.ack.public-spot.json'));
    WsPublicPongSchema.parse(readBybitFixture('ws/pong.public-spot.json'));
    WsTickerPushSchema.parse(readBybitFixture('ws/tickers.spot.json'));
    WsKlinePushSchema.parse(readBybitFixture('ws/kline.linear.json'));

    const ws = await WsProbe.open(sim.wsPublicSpotUrl);
    ws.send({ op: 'subscribe', req_id: 'c1', args: ['tickers.SOLUSDT', 'kline.60.SOLUSDT'] });
    WsSubscribeAckSchema.parse(await ws.next((f) => f.op === 'subscribe'));
    WsTickerPushSchema.parse(await ws.next((f) => f.topic === 'tickers.SOLUSDT'));
    WsKlinePushSchema.parse(await ws.next((f) => f.topic === 'kline.60.SOLUSDT'));
    ws.send({ op: 'ping', req_id: 'c2' });
    WsPublicPongSchema.parse(await ws.next((f) => f.op === 'ping'));
    ws.close();
  });
});

describe('the real bybit-api client talks to the stand-in', () => {
  it('RestClientV5 with baseUrl reads klines, tickers and instruments', async () => {
    const client = new RestClientV5({ baseUrl: sim.restUrl });
    const klines = await client.getKline({ category: 'spot', symbol: 'BTCUSDT', interval: '5', limit: 10 });
    expect(klines.retCode).toBe(0);
    expect(klines.result.list).toHaveLength(10);
    const tickers = await client.getTickers({ category: 'spot', symbol: 'ETHBTC' });
    expect(tickers.result.list[0]?.symbol).toBe('ETHBTC');
    const instruments = await client.getInstrumentsInfo({ category: 'spot' });
    expect(instruments.result.list.map((i) => i.symbol)).toEqual(sim.symbols);
  });

  it('WebsocketClient with wsUrl subscribes and receives ticker updates', async () => {
    const client = new WebsocketClient({ wsUrl: sim.wsPublicSpotUrl }, silentLogger);
    try {
      const update = new Promise<{ topic: string }>((resolve) => client.on('update', (u: { topic: string }) => resolve(u)));
      await Promise.all(client.subscribeV5(['tickers.XRPETH'], 'spot'));
      expect((await update).topic).toBe('tickers.XRPETH');
    } finally {
      client.closeAll(true);
    }
  });
});

const silentLogger = { trace: () => {}, info: () => {}, error: () => {} };
