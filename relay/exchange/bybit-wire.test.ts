import { describe, expect, it } from 'vitest';
import {
  KlineResultSchema,
  RestEnvelopeSchema,
  restSuccessSchema,
  SpotInstrumentsResultSchema,
  SpotOrderbookResultSchema,
  SpotTickersResultSchema,
  WsKlinePushSchema,
  WsPublicPongSchema,
  WsRequestSchema,
  WsSubscribeAckSchema,
  WsTickerPushSchema,
} from './bybit-wire.ts';
import { readBybitFixture } from './read-bybit-fixture.ts';

describe('Bybit v5 wire schemas accept the real bodies', () => {
  it.each([
    ['rest/market/instruments-info.spot.json', SpotInstrumentsResultSchema],
    ['rest/market/tickers.spot.json', SpotTickersResultSchema],
    ['rest/market/kline.inverse.json', KlineResultSchema],
    ['rest/captured/kline.linear.moxt.json', KlineResultSchema],
  ] as const)('%s parses as a success envelope', (file, result) => {
    const parsed = restSuccessSchema(result).parse(readBybitFixture(file));
    expect(parsed.retCode).toBe(0);
    expect(parsed.result.list.length).toBeGreaterThan(0);
  });

  it('rest/market/orderbook.spot.json parses as a success envelope, best levels first', () => {
    const { result } = restSuccessSchema(SpotOrderbookResultSchema).parse(readBybitFixture('rest/market/orderbook.spot.json'));
    expect(result).toMatchObject({ s: 'BTCUSDT', b: [['65485.47', '47.081829']], a: [['65557.7', '16.606555']] });
  });

  it.each([
    'rest/errors/10001.create.side-invalid.moxt.json',
    'rest/errors/10001.cancel.orderId-required.moxt.json',
    'rest/errors/10002.recv-window.moxt.json',
  ])('%s keeps the envelope with a numeric retCode', (file) => {
    const parsed = RestEnvelopeSchema.parse(readBybitFixture(file));
    expect(parsed.retCode).toBeGreaterThan(0);
    expect(parsed.result).toEqual({});
  });

  it('reads kline rows newest first as seven strings', () => {
    const { result } = restSuccessSchema(KlineResultSchema).parse(readBybitFixture('rest/captured/kline.linear.moxt.json'));
    const starts = result.list.map((row) => Number(row[0]));
    expect(starts).toEqual([...starts].sort((a, b) => b - a));
    expect(result.list[0]).toEqual(['1687589640000', '30709.9', '30710.4', '30709.9', '30710.3', '3.655', '112245.7381']);
  });

  it('parses the public spot ticker push with its cross sequence', () => {
    const push = WsTickerPushSchema.parse(readBybitFixture('ws/tickers.spot.json'));
    expect(push.cs).toBe(2588407389);
    expect(push.data.price24hPcnt).toBe('0.0196');
  });

  it('parses the kline push with numeric start/end/timestamp and a confirm flag', () => {
    const push = WsKlinePushSchema.parse(readBybitFixture('ws/kline.linear.json'));
    expect(push.data[0]).toMatchObject({ start: 1672324800000, end: 1672325099999, interval: '5', confirm: false });
  });

  it.each([
    'ws/subscribe.ack.public-spot.json',
    'ws/subscribe.ack.public-linear.json',
    'ws/captured/subscribe.ack.public-spot.linlichieh.json',
  ])('%s is a snake_case subscribe ack', (file) => {
    expect(WsSubscribeAckSchema.parse(readBybitFixture(file)).success).toBe(true);
  });

  it.each([
    'ws/pong.public-spot.json',
    'ws/pong.public-linear.json',
    'ws/captured/pong.public-spot.linlichieh.json',
    'ws/captured/pong.public-linear.moxt.json',
  ])('%s is a public pong (op stays "ping")', (file) => {
    expect(WsPublicPongSchema.parse(readBybitFixture(file)).op).toBe('ping');
  });

  it('parses the client subscribe request', () => {
    expect(WsRequestSchema.parse(readBybitFixture('ws/requests/subscribe.request.json')).args).toHaveLength(3);
  });
});

describe('Bybit v5 wire schemas reject what Bybit never sends', () => {
  it('rejects a stringified retCode (ccxt recording artefact)', () => {
    const body = { retCode: '0', retMsg: 'OK', result: {}, retExtInfo: {}, time: 1 };
    expect(RestEnvelopeSchema.safeParse(body).success).toBe(false);
  });

  it('rejects a kline row with a numeric start', () => {
    const body = { symbol: 'BTCUSDT', category: 'spot', list: [[1687589640000, '1', '1', '1', '1', '1', '1']] };
    expect(KlineResultSchema.safeParse(body).success).toBe(false);
  });

  it('rejects a private pong as a public one', () => {
    expect(WsPublicPongSchema.safeParse(readBybitFixture('ws/pong.private.json')).success).toBe(false);
  });
});
