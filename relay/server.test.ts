import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  ApiErrorSchema,
  CandlesResponseSchema,
  INTERVAL_MS,
  StatusResponseSchema,
  SymbolsResponseSchema,
  TickersResponseSchema,
} from '../shared/market/index.ts';
import { IndicatorsResponseSchema } from '../shared/indicators/index.ts';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from './access/test-access.ts';
import { parseConfig } from './config.ts';
import { createBybitGateway } from './exchange/bybit-gateway.ts';
import type { MarketGateway, UpstreamMarketStream } from './market/gateway.ts';
import { startRelay, type RunningRelay } from './server.ts';
import { startBybitStandIn } from './bybit-standin/index.ts';
import { StreamTestClient } from './stream/stream-test-client.ts';

/** The relay end to end: real HTTP/WS on loopback, the real Bybit gateway, the Bybit stand-in. */
describe('relay against the Bybit stand-in', () => {
  let sim: Awaited<ReturnType<typeof startBybitStandIn>>;
  let gateway: MarketGateway;
  let relay: RunningRelay;
  let dataDir: string;
  let subscribeSpy: MockInstance<UpstreamMarketStream['subscribe']>;
  const clients: StreamTestClient[] = [];
  const logger = pino({ level: 'silent' });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'relay-it-'));
    sim = await startBybitStandIn({ tickMs: 100 });
    gateway = createBybitGateway({
      restBaseUrl: sim.restUrl,
      wsPublicSpotUrl: sim.wsPublicSpotUrl,
      logger,
      restRetries: 0,
      reconnectBackoff: { baseMs: 100, maxMs: 400 },
    });
    // A spy on the real stream: counts calls and still subscribes upstream.
    subscribeSpy = vi.spyOn(gateway.stream, 'subscribe');
    const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN });
    relay = await startRelay(config, { gateway, logger, distDir: join(dataDir, 'no-dist') });
  });

  afterAll(async () => {
    clients.forEach((c) => c.close());
    await relay?.close();
    await gateway?.close();
    await sim?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const api = async (path: string) => {
    const res = await fetch(`${relay.url}/api/v1${path}`);
    return { status: res.status, body: (await res.json()) as unknown };
  };
  const connect = async (path = '/api/v1/stream') => {
    const client = await StreamTestClient.connect(`${relay.url.replace('http', 'ws')}${path}`, OPERATOR_AUTH);
    clients.push(client);
    return client;
  };

  it('lists the stand-in symbols and their tickers', async () => {
    const symbols = await api('/symbols');
    expect(symbols.status).toBe(200);
    const names = SymbolsResponseSchema.parse(symbols.body).symbols.map((s) => s.symbol);
    expect(names).toContain('BTCUSDT');

    const tickers = await api('/tickers?symbols=BTCUSDT');
    expect(TickersResponseSchema.parse(tickers.body).tickers.map((t) => t.symbol)).toEqual(['BTCUSDT']);
    const all = TickersResponseSchema.parse((await api('/tickers')).body).tickers;
    expect(all.length).toBe(names.length);
  });

  it('serves an ascending candle range covering [from, to]', async () => {
    const to = Math.floor(Date.now() / INTERVAL_MS['1m']) * INTERVAL_MS['1m'] - 10 * INTERVAL_MS['1m'];
    const from = to - 99 * INTERVAL_MS['1m'];
    const res = await api(`/candles?symbol=BTCUSDT&interval=1m&from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    const body = CandlesResponseSchema.parse(res.body);
    expect(body).toMatchObject({ symbol: 'BTCUSDT', interval: '1m', from, to });
    expect(body.candles).toHaveLength(100);
    expect(body.candles[0]?.openTime).toBe(from);
    expect(body.candles.at(-1)?.openTime).toBe(to);
  });

  it('mounts /indicators on the same cached candle source', async () => {
    const to = Math.floor(Date.now() / INTERVAL_MS['1h']) * INTERVAL_MS['1h'] - INTERVAL_MS['1h'];
    const params = encodeURIComponent('{"period":20}');
    const res = await api(`/indicators?symbol=BTCUSDT&interval=1h&name=sma&params=${params}&from=${to - 9 * INTERVAL_MS['1h']}&to=${to}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ indicator: { name: 'sma', params: { period: 20 } } });
    const bad = await api('/indicators?symbol=BTCUSDT&interval=1h&name=sma&params=%7B%22period%22%3A0%7D');
    expect(bad.status).toBe(400);
  });

  it('rejects bad candle queries with 400/404 and a message', async () => {
    const cases: Array<[string, number, string]> = [
      ['/candles?symbol=NOPEUSDT&interval=1m', 404, 'unknown spot symbol "NOPEUSDT"'],
      ['/candles?symbol=BTCUSDT&interval=2m', 400, 'interval must be one of 1m, 5m, 15m, 1h, 4h, 1d'],
      ['/candles?symbol=BTCUSDT&interval=1m&from=2000&to=1000', 400, 'from (2000) must not be after to (1000)'],
      ['/candles?symbol=BTCUSDT&interval=1m&from=0&to=6000000000', 400, 'the range covers 100001 1m candles'],
      ['/tickers?symbols=BTCUSDT,NOPEUSDT', 404, 'unknown spot symbol "NOPEUSDT"'],
    ];
    for (const [path, status, message] of cases) {
      const res = await api(path);
      expect({ path, status: res.status }).toEqual({ path, status });
      expect(ApiErrorSchema.parse(res.body).error.message).toContain(message);
    }
  });

  it('answers bad indicator windows with 400 and never counts them as an exchange outage', async () => {
    const sma = `/indicators?symbol=BTCUSDT&interval=1m&name=sma&params=${encodeURIComponent('{"period":20}')}`;
    for (const window of ['&from=', '&to=%20', '&from=0x10', '&from=-60000&to=600000']) {
      const res = await api(`${sma}${window}`);
      expect({ window, status: res.status }).toEqual({ window, status: 400 });
      expect(ApiErrorSchema.parse(res.body).error.message.length).toBeGreaterThan(0);
    }
    // A window in 1970 is valid, as on /candles: its look-back is clamped at the epoch, there are
    // simply no candles, and Bybit is never asked for a negative start.
    const early = await api(`${sma}&from=0&to=600000`);
    expect(early.status).toBe(200);
    expect(IndicatorsResponseSchema.parse(early.body).time).toEqual([]);
    expect(StatusResponseSchema.parse((await api('/status')).body).rest.state).toBe('connected');
  });

  it('streams ticks and shares one upstream subscription between two clients', async () => {
    const a = await connect();
    const b = await connect('/api/v1/stream/ticks/SOLUSDT');
    a.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'SOLUSDT' }] });
    const [tickA, tickB] = await Promise.all([a.next('ticker'), b.next('ticker')]);
    expect(tickA.ticker.symbol).toBe('SOLUSDT');
    expect(tickB.ticker.symbol).toBe('SOLUSDT');
    const solCalls = subscribeSpy.mock.calls.filter(([topics]) => topics.some((t) => t.symbol === 'SOLUSDT'));
    expect(solCalls).toHaveLength(1);
  });

  it('reports reconnecting then connected to stream clients after the upstream drops, and ticks resume', async () => {
    const client = await connect('/api/v1/stream/ticks/BTCUSDT');
    await client.next('ticker');
    client.clear();
    sim.dropConnections();
    await client.next('status', (m) => m.upstream.state === 'reconnecting');
    await client.next('status', (m) => m.upstream.state === 'connected', 10_000);
    client.clear();
    expect((await client.next('ticker', () => true, 10_000)).ticker.symbol).toBe('BTCUSDT');
  });

  it('answers 503 while the exchange is offline and shows it in /status', async () => {
    sim.setOffline(true);
    try {
      const to = Math.floor(Date.now() / INTERVAL_MS['1h']) * INTERVAL_MS['1h'] - 50 * INTERVAL_MS['1h'];
      const res = await api(`/candles?symbol=BTCUSDT&interval=1h&from=${to - INTERVAL_MS['1h']}&to=${to}`);
      expect(res.status).toBe(503);
      expect(ApiErrorSchema.parse(res.body).error.code).toBe('upstream_unavailable');
      const status = StatusResponseSchema.parse((await api('/status')).body);
      expect(status.rest.state).toBe('reconnecting');
      expect(status.rest.lastError).toBeTruthy();
      expect(status.rest.nextRetryAt).toBeGreaterThan(Date.now() - 1000);
    } finally {
      sim.setOffline(false);
    }
    // The background probe notices the recovery without any browser request.
    await vi.waitFor(
      async () => expect(StatusResponseSchema.parse((await api('/status')).body).rest.state).toBe('connected'),
      { timeout: 5_000, interval: 100 },
    );
  });
});
