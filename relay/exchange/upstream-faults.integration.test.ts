import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, INTERVAL_MS, StatusResponseSchema, type UpstreamStatus } from '../../shared/market/index.ts';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import type { MarketGateway, RefusedTopic, UpstreamEvent } from '../market/gateway.ts';
import { MarketService } from '../market/market-service.ts';
import { StreamHub } from '../stream/stream-hub.ts';
import { attachStreamServer } from '../stream/stream-server.ts';
import { StreamTestClient } from '../stream/stream-test-client.ts';
import { createMarketRouter } from '../http/market-routes.ts';
import { listenForTest } from '../http/listen-for-test.ts';
import { createBybitGateway, type BybitGatewayOptions } from './bybit-gateway.ts';
import { BybitLiveVenue } from '../execution/bybit-live-venue.ts';
import { createSignedBybitClient } from './bybit-private-calls.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { nextValue as next, until } from './test-waits.ts';
import { checkUpgrade } from '../access/origin-guard.ts';
import { loopbackAccess } from '../access/test-access.ts';

/**
 * The real Bybit gateway against the stand-in over loopback while the stand-in misbehaves:
 * silent, offline across minute closes, refusing unknown topics. Gateways here run on their
 * production defaults unless a test says otherwise, since those defaults are what is under test.
 */

const silent = pino({ level: 'silent' });
const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function standIn(): Promise<BybitStandIn> {
  const sim = await startBybitStandIn({ seed: 3, tickMs: 50, realSymbols: ['BTCUSDT', 'SOLUSDT'] });
  cleanup.push(() => sim.close());
  return sim;
}

function gatewayTo(sim: BybitStandIn, options: Partial<BybitGatewayOptions> = {}): MarketGateway {
  const gateway = createBybitGateway({ restBaseUrl: sim.restUrl, wsPublicSpotUrl: sim.wsPublicSpotUrl, logger: silent, ...options });
  cleanup.push(() => gateway.close());
  return gateway;
}


const connected = (s: UpstreamStatus) => s.state === 'connected';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isBtcTicker = (e: UpstreamEvent) => e.type === 'ticker' && e.ticker.symbol === 'BTCUSDT';


describe('a silent upstream (TCP open, no answers)', () => {
  it('shows on /status within a few seconds for REST and stream, and REST calls fail within 5 s', async () => {
    const sim = await standIn();
    const gateway = gatewayTo(sim);
    const market = new MarketService(gateway);
    market.start();
    cleanup.push(() => market.close());
    await until(() => market.restStatus().state === 'connected' && gateway.stream.status().state === 'connected', 5_000);

    sim.setSilent(true);
    // Nobody calls REST: only the idle probe can notice.
    const noticed = Promise.all([
      until(() => market.restStatus().state === 'reconnecting', 6_000),
      until(() => gateway.stream.status().state === 'reconnecting', 6_000),
    ]);
    noticed.catch(() => {}); // awaited below; a failing assertion before that must not leave it unhandled
    const started = Date.now();
    const failedCall = await gateway.getTickers(['BTCUSDT']).then(
      () => 'answered',
      (err: Error) => err.message,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(failedCall).toMatch(/Bybit tickers/);
    await noticed;
    expect(market.restStatus().lastError).toContain('no answer');

    sim.setSilent(false);
    await until(() => market.restStatus().state === 'connected' && gateway.stream.status().state === 'connected', 4_000);
  }, 20_000);
});

describe('the public REST circuit breaker', () => {
  /** A stand-in that logs every REST request reaching it, and a gateway whose breaker opens after 3 failed attempts. */
  async function breakerSetup() {
    const arrived: string[] = [];
    const sim = await startBybitStandIn({ seed: 3, tickMs: 50, realSymbols: ['BTCUSDT', 'SOLUSDT'], onRestRequest: ({ path }) => void arrived.push(path) });
    cleanup.push(() => sim.close());
    // One attempt a call, a short cool-down: the production breaker's rules, at test scale.
    const gateway = gatewayTo(sim, { restRetries: 0, restBreaker: new CircuitBreaker({ failureThreshold: 3, openMs: 400, peer: 'Bybit market data' }) });
    const failure = (call: Promise<unknown>) => call.then(() => 'answered', (err: Error) => err.message);
    const openIt = async () => {
      sim.setOffline(true);
      for (let i = 0; i < 3; i++) expect(await failure(gateway.getTickers(['BTCUSDT']))).toMatch(/^Bybit tickers: /);
      sim.setOffline(false);
      arrived.length = 0;
    };
    return { sim, gateway, arrived, failure, openIt };
  }

  it('opens after failures in a row, then refuses at once without sending, half-opens after its cool-down and closes on success; /status shows it', async () => {
    const { gateway, arrived, failure, openIt } = await breakerSetup();
    const market = new MarketService(gateway);
    cleanup.push(() => market.close());
    const api = await listenForTest(createMarketRouter({ config: { tradingMode: 'paper', bybitEnv: 'sim' }, market, gateway, auditState: () => ({ state: 'intact', rows: 0 }) }));
    cleanup.push(() => api.close());
    const status = async () => StatusResponseSchema.parse(await (await fetch(`${api.apiUrl}/status`)).json());

    await market.listSymbols(); // known symbols, so the tickers route asks Bybit rather than refusing them
    expect((await status()).bybitPublicCircuit).toMatchObject({ state: 'closed', consecutiveFailures: 0, failureThreshold: 3 });

    await openIt();
    expect((await status()).bybitPublicCircuit).toMatchObject({ state: 'open', consecutiveFailures: 3, probeAt: expect.any(String), lastError: expect.stringMatching(/^Bybit tickers: /) });

    // Bybit is back, but within the cool-down nothing is sent: a call fails at once in the breaker's words, a route with a 503.
    const started = Date.now();
    expect(await failure(gateway.getCandles('BTCUSDT', '1m', Date.now() - 5 * INTERVAL_MS['1m'], Date.now()))).toMatch(/^Bybit kline: Bybit market data circuit breaker is open after 3 failures in a row/);
    expect(Date.now() - started).toBeLessThan(50);
    const refused = await fetch(`${api.apiUrl}/tickers?symbols=SOLUSDT`);
    expect(refused.status).toBe(503);
    expect(ApiErrorSchema.parse(await refused.json()).error.message).toMatch(/^Bybit is unreachable: Bybit tickers: Bybit market data circuit breaker is open/);
    expect(arrived).toEqual([]);

    await until(() => gateway.restCircuit!().state === 'half_open', 1_000);
    expect((await status()).bybitPublicCircuit?.state).toBe('half_open');
    expect(await gateway.getTickers(['BTCUSDT'])).toMatchObject([{ symbol: 'BTCUSDT' }]);
    expect(arrived).toEqual(['/v5/market/tickers']);
    expect((await status()).bybitPublicCircuit).toMatchObject({ state: 'closed', consecutiveFailures: 0, lastError: null });
  }, 20_000);

  it("is apart from the signed calls' breaker: either one open leaves the other's calls going out", async () => {
    const { sim, gateway, openIt } = await breakerSetup();
    const venue = new BybitLiveVenue({
      client: createSignedBybitClient(sim.restUrl, sim.credentials.apiKey, sim.credentials.apiSecret),
      breaker: new CircuitBreaker({ failureThreshold: 1, openMs: 60_000, peer: 'Bybit' }),
      retries: 0,
    });
    cleanup.push(() => venue.close());

    await openIt();
    expect(gateway.restCircuit!().state).toBe('open');
    await venue.snapshot();
    expect(venue.circuit().state).toBe('closed');

    await until(() => gateway.restCircuit!().state === 'half_open', 1_000);
    await gateway.getTickers(['BTCUSDT']);
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/account/wallet-balance' });
    await expect(venue.snapshot()).rejects.toThrow('HTTP 503');
    expect(venue.circuit().state).toBe('open');
    expect(await gateway.getTickers(['BTCUSDT'])).toMatchObject([{ symbol: 'BTCUSDT' }]);
    expect(gateway.restCircuit!().state).toBe('closed');
  }, 20_000);
});

describe('reconnecting after a long outage', () => {
  it('resumes the stream within ~2 s of the exchange returning, however long it was gone', async () => {
    const sim = await standIn();
    const gateway = gatewayTo(sim);
    gateway.stream.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    await next(gateway.stream.onEvent, isBtcTicker);

    sim.setOffline(true);
    await sleep(8_000);
    sim.setOffline(false);
    const back = Date.now();
    await next(gateway.stream.onEvent, isBtcTicker, 5_000);
    expect(Date.now() - back).toBeLessThan(2_500);
  }, 20_000);
});

describe('a topic the exchange refuses', () => {
  it('cannot take the valid topics of its batch down with it, before or after a reconnect', async () => {
    const sim = await standIn();
    const gateway = gatewayTo(sim);
    const refused: RefusedTopic[] = [];
    gateway.stream.onRefused((r) => refused.push(r));
    await next(gateway.stream.onStatus, connected).catch(() => undefined);

    // One batch, as bybit-api sends it: the stand-in refuses it whole, as Bybit does.
    gateway.stream.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }, { kind: 'ticker', symbol: 'NOPEUSDT' }]);
    await next(gateway.stream.onEvent, isBtcTicker);
    expect(refused).toEqual([
      { topic: { kind: 'ticker', symbol: 'NOPEUSDT' }, reason: 'error:handler not found,topic:tickers.NOPEUSDT' },
    ]);

    sim.dropConnections();
    await next(gateway.stream.onStatus, (s) => s.state === 'reconnecting');
    await next(gateway.stream.onEvent, isBtcTicker);
  }, 20_000);
});

describe('subscription poisoning through the relay stream', () => {
  async function relayStreams(sim: BybitStandIn) {
    const gateway = gatewayTo(sim, { symbolsTtlMs: 200 });
    const market = new MarketService(gateway, { symbolsTtlMs: 200 });
    const hub = new StreamHub({ upstream: gateway.stream, validateSymbols: (s) => market.assertKnownSymbols(s), logger: silent });
    const server: Server = createServer();
    const closeStreams = attachStreamServer(server, hub, (req) => checkUpgrade(loopbackAccess(), req));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(async () => {
      hub.close();
      market.close();
      await closeStreams();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/stream`;
    return {
      gateway,
      connect: async () => {
        const client = await StreamTestClient.connect(url);
        cleanup.push(() => client.close());
        return client;
      },
    };
  }

  it("keeps one client's tickers flowing after another asked for an unknown symbol during a long REST outage", async () => {
    const sim = await standIn();
    const { gateway, connect } = await relayStreams(sim);
    const alice = await connect();
    alice.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
    await alice.next('ticker', (m) => m.ticker.symbol === 'BTCUSDT');

    sim.setOffline(true);
    await sleep(400); // longer than the symbol list's lifetime
    const mallory = await connect();
    mallory.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'NOPEUSDT' }] });
    expect((await mallory.next('error')).message).toContain('NOPEUSDT');

    sim.setOffline(false);
    await next(gateway.stream.onStatus, connected);
    alice.clear();
    await alice.next('ticker', (m) => m.ticker.symbol === 'BTCUSDT', 4_000);
  }, 20_000);

  it('refuses a malformed symbol without asking anyone', async () => {
    const sim = await standIn();
    const { connect } = await relayStreams(sim);
    const client = await connect();
    client.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'btc-usdt' }] });
    expect((await client.next('error')).message).toMatch(/topics\.0\.symbol: expected a spot symbol/);
  });
});

describe('closed candles missed during an outage', () => {
  it('are fetched over REST after the reconnect and emitted once each, in order, before live pushes', async () => {
    const sim = await standIn();
    const gateway = gatewayTo(sim);
    const klines: Array<{ openTime: number; closed: boolean; close: number }> = [];
    gateway.stream.onEvent((e) => {
      if (e.type === 'kline' && e.symbol === 'BTCUSDT') klines.push({ openTime: e.candle.openTime, closed: e.closed, close: e.candle.close });
    });
    gateway.stream.subscribe([{ kind: 'kline', symbol: 'BTCUSDT', interval: '1m' }]);
    await until(() => klines.length > 0, 5_000);
    const formingBefore = klines[0]!.openTime;

    sim.setOffline(true);
    await next(gateway.stream.onStatus, (s) => s.state === 'reconnecting');
    sim.advanceTime(3 * INTERVAL_MS['1m']); // three minute closes while the relay cannot see them
    sim.setOffline(false);
    await next(gateway.stream.onStatus, connected);
    await until(() => klines.some((k) => !k.closed && k.openTime > formingBefore + 2 * INTERVAL_MS['1m']), 5_000);
    // The next live close arrives too; it must not repeat anything.
    sim.advanceTime(INTERVAL_MS['1m']);
    await sleep(500);

    const closed = klines.filter((k) => k.closed).map((k) => k.openTime);
    const formingAfter = klines.filter((k) => !k.closed).at(-1)!.openTime;
    const expected = [];
    for (let t = formingBefore; t < formingAfter; t += INTERVAL_MS['1m']) expected.push(t);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(closed).toEqual(expected);

    // The filled candles carry the exchange's final values.
    const rest = await gateway.getCandles('BTCUSDT', '1m', formingBefore, formingBefore + 2 * INTERVAL_MS['1m']);
    expect(klines.filter((k) => k.closed).slice(0, 3).map((k) => k.close)).toEqual(rest.map((c) => c.close));
  }, 20_000);
});
