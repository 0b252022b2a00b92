import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeRejectedRequestError, UnknownSymbolError, UpstreamUnavailableError } from '../market/gateway.ts';
import { createBybitRest, marketDataBreaker, readEnvelope, TransientUpstreamError, transportFailure } from './bybit-rest.ts';
import { SpotTickersResultSchema } from './bybit-wire.ts';
import { readBybitFixture } from './read-bybit-fixture.ts';

const notSupportedSymbols = { retCode: 10001, retMsg: 'Not supported symbols', result: {}, retExtInfo: {}, time: 1 };

describe('readEnvelope', () => {
  it('returns the checked result and the exchange time', () => {
    const { result, time } = readEnvelope('tickers', readBybitFixture('rest/market/tickers.spot.json'), SpotTickersResultSchema);
    expect(result.list[0]?.symbol).toBe('BTCUSDT');
    expect(time).toBe(1673859087947);
  });

  it('turns Bybit\'s "Not supported symbols" into UnknownSymbolError for the asked symbol', () => {
    expect(() => readEnvelope('kline', notSupportedSymbols, SpotTickersResultSchema, 'NOPEUSDT')).toThrow(
      new UnknownSymbolError('NOPEUSDT'),
    );
  });

  it('keeps other parameter errors as upstream failures that are not retried', () => {
    const body = readBybitFixture('rest/errors/10001.create.side-invalid.moxt.json');
    const error = (() => {
      try {
        readEnvelope('kline', body, SpotTickersResultSchema, 'BTCUSDT');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UpstreamUnavailableError);
    expect(error).not.toBeInstanceOf(TransientUpstreamError);
    expect((error as Error).message).toBe('Bybit kline: 10001 params error: side invalid');
  });

  it('turns a candle range the exchange refuses into a client error, not an outage', () => {
    const body = { ...notSupportedSymbols, retMsg: 'params error: start must be epoch milliseconds' };
    expect(() => readEnvelope('kline', body, SpotTickersResultSchema, 'BTCUSDT')).toThrow(ExchangeRejectedRequestError);
  });

  it('treats a rate limit answer as transient', () => {
    const body = { ...notSupportedSymbols, retCode: 10006, retMsg: 'Too many visits!' };
    expect(() => readEnvelope('tickers', body, SpotTickersResultSchema)).toThrow(TransientUpstreamError);
  });

  it('rejects a body that is not a Bybit envelope', () => {
    expect(() => readEnvelope('tickers', '<html>gateway</html>', SpotTickersResultSchema)).toThrow('malformed response envelope');
  });
});

describe('transportFailure', () => {
  it('retries 5xx and 429 but not other 4xx', () => {
    expect(transportFailure('x', { code: 503, message: 'Service Unavailable' })).toBeInstanceOf(TransientUpstreamError);
    expect(transportFailure('x', { code: 429, message: 'Too Many Requests' })).toBeInstanceOf(TransientUpstreamError);
    const forbidden = transportFailure('x', { code: 403, message: 'Forbidden' });
    expect(forbidden).not.toBeInstanceOf(TransientUpstreamError);
    expect(forbidden.message).toBe('Bybit x: HTTP 403');
  });
});

describe('createBybitRest over real sockets', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const fastRetry = { retries: 2, retryBackoff: { baseMs: 10, maxMs: 20 }, deadlineMs: 5_000 };

  it('rejects with UpstreamUnavailableError when nothing listens', async () => {
    const url = await listen(() => {});
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const rest = createBybitRest({ restBaseUrl: url, timeoutMs: 1_000, ...fastRetry, breaker: marketDataBreaker() });
    await expect(rest.tickers()).rejects.toThrow(/Bybit tickers: ECONNREFUSED/);
  });

  it('bounds a request that never gets an answer by the timeout', async () => {
    const url = await listen(() => {});
    const rest = createBybitRest({ restBaseUrl: url, timeoutMs: 150, ...fastRetry, breaker: marketDataBreaker() });
    const started = Date.now();
    await expect(rest.instruments()).rejects.toThrow('Bybit instruments-info: no answer in time (ECONNABORTED)');
    expect(Date.now() - started).toBeLessThan(2_000);
    server!.closeAllConnections();
  });

  it('retries a 503 and succeeds once the upstream recovers', async () => {
    let calls = 0;
    const url = await listen((req, res) => {
      calls += 1;
      if (calls === 1) return void res.writeHead(503).end('busy');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(readBybitFixture('rest/market/tickers.spot.json')));
    });
    const rest = createBybitRest({ restBaseUrl: url, timeoutMs: 1_000, ...fastRetry, breaker: marketDataBreaker() });
    const { list } = await rest.tickers('BTCUSDT');
    expect(list[0]?.lastPrice).toBe('20533.13');
    expect(calls).toBe(2);
  });
});
