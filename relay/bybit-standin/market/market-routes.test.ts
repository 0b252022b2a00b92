import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';
import { readBybitFixture } from '../../exchange/read-bybit-fixture.ts';
import { getJson, shapeOf } from '../test-support.ts';

const START = Date.UTC(2026, 10, 2, 10, 30, 15, 500);
const HOUR = 3_600_000;
let sim: BybitStandIn;
const kline = (query: string) => getJson(`${sim.restUrl}/v5/market/kline?category=spot&${query}`);
const rows = (body: { result: { list: string[][] } }) => body.result.list;

beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 11, startTime: START });
});
afterAll(() => sim.close());

describe('REST envelope and shapes against the real Bybit bodies', () => {
  it('answers /v5/market/time like Bybit', async () => {
    const { body } = await getJson(`${sim.restUrl}/v5/market/time`);
    expect(shapeOf(body)).toEqual(shapeOf(readBybitFixture('rest/market/time.json')));
    const time = body.time as number;
    expect(Math.abs(time - START)).toBeLessThan(60_000);
    expect((body.result as { timeSecond: string }).timeSecond).toBe(String(Math.floor(time / 1000)));
  });

  it('lists spot instruments with the published key order and string precision', async () => {
    const { body } = await getJson(`${sim.restUrl}/v5/market/instruments-info?category=spot`);
    expect(shapeOf(body)).toEqual(shapeOf(readBybitFixture('rest/market/instruments-info.spot.json')));
    const fixtureItem = (readBybitFixture('rest/market/instruments-info.spot.json') as { result: { list: object[] } }).result.list[0]!;
    const list = (body.result as { list: Record<string, unknown>[] }).list;
    expect(list.map((i) => i.symbol)).toEqual(['BTCUSDT', 'SOLUSDT', 'XRPETH', 'ETHBTC']);
    for (const item of list) expect(Object.keys(item)).toEqual(Object.keys(fixtureItem));
    expect(list[0]).toMatchObject({ baseCoin: 'BTC', quoteCoin: 'USDT', priceFilter: { tickSize: '0.01' } });
  });

  it('answers an unlisted symbol in instruments-info with retCode 0 and an empty list, as spot does', async () => {
    const { body } = await getJson(`${sim.restUrl}/v5/market/instruments-info?category=spot&symbol=NOPEUSDT`);
    expect(body.retCode).toBe(0);
    expect(body.result).toEqual({ category: 'spot', list: [] });
  });

  it('serves tickers with the published key order and 24h fields as strings', async () => {
    const { body } = await getJson(`${sim.restUrl}/v5/market/tickers?category=spot&symbol=BTCUSDT`);
    expect(shapeOf(body)).toEqual(shapeOf(readBybitFixture('rest/market/tickers.spot.json')));
    const [ticker] = (body.result as { list: Record<string, string>[] }).list;
    const last = Number(ticker!.lastPrice);
    const prev = Number(ticker!.prevPrice24h);
    expect(Number(ticker!.price24hPcnt)).toBeCloseTo((last - prev) / prev, 4);
    expect(Number(ticker!.highPrice24h)).toBeGreaterThanOrEqual(last);
    expect(Number(ticker!.lowPrice24h)).toBeLessThanOrEqual(last);
    expect(Number(ticker!.bid1Price)).toBeLessThan(Number(ticker!.ask1Price));
  });

  it('serves every ticker without a symbol', async () => {
    const { body } = await getJson(`${sim.restUrl}/v5/market/tickers?category=spot`);
    expect((body.result as { list: { symbol: string }[] }).list.map((t) => t.symbol)).toEqual(sim.symbols);
  });

  it('serves klines in the published shape: seven strings per row, newest first', async () => {
    const { status, body } = await kline('symbol=BTCUSDT&interval=60&limit=3');
    expect(status).toBe(200);
    expect(shapeOf(body)).toEqual(shapeOf(readBybitFixture('rest/market/kline.inverse.json')));
    expect(body.result).toMatchObject({ symbol: 'BTCUSDT', category: 'spot' });
    const starts = rows(body).map((r) => Number(r[0]));
    expect(starts).toEqual([starts[0]!, starts[0]! - HOUR, starts[0]! - 2 * HOUR]);
    // The newest row is the forming hour that contains "now".
    expect(starts[0]).toBe(Math.floor((body.time as number) / HOUR) * HOUR);
  });
});

describe('kline selection (start/end/limit)', () => {
  it('defaults to 200 rows and caps limit at 1000', async () => {
    expect(rows((await kline('symbol=BTCUSDT&interval=1')).body)).toHaveLength(200);
    expect(rows((await kline('symbol=BTCUSDT&interval=1&limit=5000')).body)).toHaveLength(1000);
  });

  it('pages backwards with end and forwards with start over the same candles', async () => {
    const end = START - 10 * HOUR;
    const back = rows((await kline(`symbol=BTCUSDT&interval=15&end=${end}&limit=8`)).body);
    expect(back).toHaveLength(8);
    expect(Number(back[0]![0])).toBeLessThanOrEqual(end);
    const oldest = Number(back[7]![0]);
    const forward = rows((await kline(`symbol=BTCUSDT&interval=15&start=${oldest}&limit=8`)).body);
    expect(forward).toEqual(back);
  });

  it('returns the earliest candle for a tiny start and limit 1', async () => {
    const [first] = rows((await kline('symbol=ETHBTC&interval=5&start=9999&limit=1')).body);
    const [alsoFirst] = rows((await kline(`symbol=ETHBTC&interval=5&end=${Number(first![0])}&limit=5`)).body);
    expect(alsoFirst).toEqual(first);
  });

  it('aggregates 4h candles from the 1h ones (aligned to UTC multiples)', async () => {
    const end = START - 24 * HOUR;
    const [fourHour] = rows((await kline(`symbol=BTCUSDT&interval=240&end=${end}&limit=1`)).body);
    const open = Number(fourHour![0]);
    expect(open % (4 * HOUR)).toBe(0);
    const hours = rows((await kline(`symbol=BTCUSDT&interval=60&start=${open}&end=${open + 3 * HOUR}`)).body).reverse();
    expect(hours).toHaveLength(4);
    expect(fourHour![1]).toBe(hours[0]![1]);
    expect(Number(fourHour![2])).toBe(Math.max(...hours.map((h) => Number(h[2]))));
    expect(Number(fourHour![3])).toBe(Math.min(...hours.map((h) => Number(h[3]))));
    expect(fourHour![4]).toBe(hours[3]![4]);
    expect(Number(fourHour![5])).toBeCloseTo(hours.reduce((s, h) => s + Number(h[5]), 0), 5);
  });

  it('serves 1m candles for SOLUSDT whose real data is hourly', async () => {
    const list = rows((await kline('symbol=SOLUSDT&interval=1&limit=120')).body);
    expect(list).toHaveLength(120);
    expect(Number(list[0]![0]) - Number(list[1]![0])).toBe(60_000);
  });
});

describe('business errors arrive with HTTP 200 and retCode 10001', () => {
  it.each([
    ['symbol=NOPEUSDT&interval=60', 'Not supported symbols'],
    ['symbol=BTCUSDT&interval=2', 'Invalid period!'],
    ['symbol=BTCUSDT', 'Invalid period!'],
    ['interval=60', 'params error: symbol invalid'],
    ['symbol=BTCUSDT&interval=60&limit=0', 'params error: limit must be an integer in [1, 1000]'],
    ['symbol=BTCUSDT&interval=60&start=yesterday', 'params error: start must be epoch milliseconds'],
  ])('kline?%s -> %s', async (query, retMsg) => {
    const { status, body } = await kline(query);
    expect(status).toBe(200);
    expect(body).toMatchObject({ retCode: 10001, retMsg, result: {}, retExtInfo: {} });
    expect(shapeOf(body)).toEqual(shapeOf(readBybitFixture('rest/errors/10001.create.side-invalid.moxt.json')));
  });

  it('refuses categories other than spot and unknown ticker symbols', async () => {
    expect((await getJson(`${sim.restUrl}/v5/market/kline?category=linear&symbol=BTCUSDT&interval=1`)).body.retMsg).toBe('Illegal category');
    expect((await getJson(`${sim.restUrl}/v5/market/tickers?category=spot&symbol=NOPE`)).body).toMatchObject({ retCode: 10001, retMsg: 'Not supported symbols' });
  });
});
