import { describe, expect, it } from 'vitest';
import { CandleSchema, INTERVALS, MarketSymbolSchema, TickerSchema } from '../../shared/market/index.ts';
import {
  KlineResultSchema,
  restSuccessSchema,
  SpotInstrumentsResultSchema,
  SpotTickersResultSchema,
  WsKlinePushSchema,
  WsTickerPushSchema,
} from './bybit-wire.ts';
import {
  candleFromBar,
  candlesFromRows,
  fromWireInterval,
  parseTopicName,
  tickerFromPush,
  toMarketSymbol,
  toTicker,
  topicName,
  toWireInterval,
} from './bybit-normalize.ts';
import { readBybitFixture } from './read-bybit-fixture.ts';

describe('Bybit normalizers on real fixtures', () => {
  it('maps a spot instrument to a MarketSymbol keeping precision as decimal strings', () => {
    const body = restSuccessSchema(SpotInstrumentsResultSchema).parse(readBybitFixture('rest/market/instruments-info.spot.json'));
    const symbol = toMarketSymbol(body.result.list[0]!);
    expect(MarketSymbolSchema.parse(symbol)).toEqual({
      symbol: 'BTCUSDT',
      exchange: 'bybit',
      base: 'BTC',
      quote: 'USDT',
      status: 'Trading',
      tickSize: '0.1',
      basePrecision: '0.000001',
      quotePrecision: '0.0000001',
      minOrderQty: '0.000011',
      maxOrderQty: '83',
      minOrderAmt: '5',
      maxOrderAmt: '8000000',
    });
  });

  it('maps a REST spot ticker with the 24h change in percent, the book top and the envelope time', () => {
    const body = restSuccessSchema(SpotTickersResultSchema).parse(readBybitFixture('rest/market/tickers.spot.json'));
    const ticker = toTicker(body.result.list[0]!, body.time);
    expect(TickerSchema.parse(ticker)).toEqual({
      symbol: 'BTCUSDT',
      lastPrice: 20533.13,
      change24hPct: 0.68,
      high24h: 21128.12,
      low24h: 20318.89,
      volume24h: 11801.27771,
      turnover24h: Number("243765620.65899866"),
      ts: 1673859087947,
      bid1Price: 20517.96,
      ask1Price: 20527.77,
    });
  });

  it('maps the WS spot ticker push using the push timestamp', () => {
    const ticker = tickerFromPush(WsTickerPushSchema.parse(readBybitFixture('ws/tickers.spot.json')));
    expect(ticker).toMatchObject({ symbol: 'BTCUSDT', lastPrice: 21109.77, change24hPct: 1.96, ts: 1673853746003 });
  });

  it('keeps a negative change negative', () => {
    const ticker = toTicker(
      { symbol: 'X', lastPrice: '1', price24hPcnt: '-0.0123', highPrice24h: '1', lowPrice24h: '1', volume24h: '0', turnover24h: '0' },
      1,
    );
    expect(ticker.change24hPct).toBe(-1.23);
  });

  it('turns newest-first kline rows into ascending candles', () => {
    const body = restSuccessSchema(KlineResultSchema).parse(readBybitFixture('rest/captured/kline.linear.moxt.json'));
    const candles = candlesFromRows(body.result.list);
    expect(candles.map((c) => c.openTime)).toEqual([
      1687589400000, 1687589460000, 1687589520000, 1687589580000, 1687589640000,
    ]);
    expect(CandleSchema.parse(candles[4])).toEqual({
      openTime: 1687589640000,
      open: 30709.9,
      high: 30710.4,
      low: 30709.9,
      close: 30710.3,
      volume: 3.655,
      turnover: 112245.7381,
    });
  });

  it('maps a kline push bar to a candle opening at its start', () => {
    const push = WsKlinePushSchema.parse(readBybitFixture('ws/kline.linear.json'));
    expect(candleFromBar(push.data[0]!)).toEqual({
      openTime: 1672324800000,
      open: 16649.5,
      high: 16677,
      low: 16608,
      close: 16677,
      volume: 2.081,
      turnover: 34666.4005,
    });
  });
});

describe('intervals and topics', () => {
  it('maps portal intervals to Bybit codes and back', () => {
    expect(INTERVALS.map(toWireInterval)).toEqual(['1', '5', '15', '60', '240', 'D']);
    for (const interval of INTERVALS) expect(fromWireInterval(toWireInterval(interval))).toBe(interval);
    expect(fromWireInterval('30')).toBeNull();
  });

  it('names topics as Bybit does and parses them back', () => {
    expect(topicName({ kind: 'ticker', symbol: 'BTCUSDT' })).toBe('tickers.BTCUSDT');
    expect(topicName({ kind: 'kline', symbol: 'ETHUSDT', interval: '1h' })).toBe('kline.60.ETHUSDT');
    expect(parseTopicName('kline.D.ETHUSDT')).toEqual({ kind: 'kline', symbol: 'ETHUSDT', interval: '1d' });
    expect(parseTopicName('tickers.BTCUSDT')).toEqual({ kind: 'ticker', symbol: 'BTCUSDT' });
    expect(parseTopicName('kline.30.BTCUSDT')).toBeNull();
    expect(parseTopicName('orderbook.1.BTCUSDT')).toBeNull();
  });
});
