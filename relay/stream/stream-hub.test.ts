import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { MarketService } from '../market/market-service.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { StreamHub, type StreamHubOptions } from './stream-hub.ts';
import { checkUpgrade } from '../access/origin-guard.ts';
import { loopbackAccess } from '../access/test-access.ts';
import { attachStreamServer } from './stream-server.ts';
import { StreamTestClient } from './stream-test-client.ts';
import { until } from '../exchange/test-waits.ts';

const ticker = (symbol: string, lastPrice: number) => ({
  type: 'ticker' as const,
  ticker: { symbol, lastPrice, change24hPct: 0, high24h: 1, low24h: 1, volume24h: 1, turnover24h: 1, ts: 1 },
});

async function startHubServer(options: Partial<StreamHubOptions> = {}) {
  const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC'), testSymbol('ETHUSDT', 'ETH')]);
  const market = new MarketService(gateway);
  const hub = new StreamHub({
    upstream: gateway.stream,
    validateSymbols: (s) => market.assertKnownSymbols(s),
    logger: pino({ level: 'silent' }),
    ...options,
  });
  const server = createServer();
  const closeStreams = attachStreamServer(server, hub, (req) => checkUpgrade(loopbackAccess(), req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    gateway,
    hub,
    base: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      hub.close();
      market.close();
      await closeStreams();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function waitForSubscribe(gateway: InMemoryMarketGateway) {
  for (let i = 0; i < 200 && gateway.stream.subscribeCalls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
}

describe('StreamHub over WebSocket', () => {
  let gateway: InMemoryMarketGateway;
  let hub: StreamHub;
  let base: string;
  let close: () => Promise<void>;
  const clients: StreamTestClient[] = [];

  beforeEach(async () => {
    ({ gateway, hub, base, close } = await startHubServer());
  });

  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    await close();
  });

  async function connect(path = '/api/v1/stream') {
    const client = await StreamTestClient.connect(`${base}${path}`);
    clients.push(client);
    return client;
  }

  async function until(check: () => boolean) {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(check()).toBe(true);
  }

  it('sends the upstream status on connect and forwards subscribed tickers only', async () => {
    const client = await connect();
    expect(await client.next('status')).toEqual({
      type: 'status',
      upstream: { state: 'connected', lastError: null, nextRetryAt: null },
    });
    client.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
    await until(() => gateway.stream.subscribeCalls.length === 1);
    gateway.stream.emit(ticker('ETHUSDT', 2));
    gateway.stream.emit(ticker('BTCUSDT', 1));
    const received = await client.next('ticker');
    expect(received.ticker.symbol).toBe('BTCUSDT');
    expect(client.messages.filter((m) => m.type === 'ticker')).toHaveLength(1);
  });

  it('shares one upstream subscription between tabs and drops it when the last one leaves', async () => {
    const tabs = await Promise.all(Array.from({ length: 5 }, () => connect()));
    tabs.forEach((tab) => tab.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] }));
    await until(() => hub.clientCount === 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(gateway.stream.subscribeCalls).toEqual([[{ kind: 'ticker', symbol: 'BTCUSDT' }]]);

    gateway.stream.emit(ticker('BTCUSDT', 3));
    await Promise.all(tabs.map((tab) => tab.next('ticker')));

    tabs.slice(0, 4).forEach((tab) => tab.close());
    await until(() => hub.clientCount === 1);
    expect(gateway.stream.unsubscribeCalls).toEqual([]);
    tabs[4]?.send({ op: 'unsubscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
    await until(() => gateway.stream.unsubscribeCalls.length === 1);
  });

  it('answers a bad message with an error and keeps the socket open', async () => {
    const client = await connect();
    client.send('not json');
    expect((await client.next('error')).message).toContain('expected a JSON text message');
    client.clear();
    client.send({ op: 'subscribe', topics: [{ kind: 'kline', symbol: 'BTCUSDT', interval: '2m' }] });
    expect((await client.next('error')).message).toBe(
      'invalid stream message: topics.0.interval: interval must be one of 1m, 5m, 15m, 1h, 4h, 1d',
    );
    client.clear();
    client.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'NOPEUSDT' }] });
    expect((await client.next('error')).message).toBe('unknown spot symbol "NOPEUSDT"');
    client.send({ op: 'subscribe', topics: [{ kind: 'kline', symbol: 'ETHUSDT', interval: '1m' }] });
    await until(() => gateway.stream.subscribeCalls.length === 1);
    expect(gateway.stream.subscribeCalls[0]).toEqual([{ kind: 'kline', symbol: 'ETHUSDT', interval: '1m' }]);
  });

  it('pre-subscribes /stream/ticks/{symbol} and refuses an unknown symbol', async () => {
    const client = await connect('/api/v1/stream/ticks/ETHUSDT');
    await until(() => gateway.stream.subscribeCalls.length === 1);
    gateway.stream.emit(ticker('ETHUSDT', 5));
    expect((await client.next('ticker')).ticker.lastPrice).toBe(5);

    const unknown = await connect('/api/v1/stream/ticks/NOPEUSDT');
    expect((await unknown.next('error')).message).toBe('unknown spot symbol "NOPEUSDT"');
    expect((await unknown.closed()).code).toBe(1008);
  });

  it('holds a subscription it cannot check yet (no symbol list ever fetched) until the exchange answers', async () => {
    gateway.offline = true;
    const client = await connect();
    client.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
    await new Promise((r) => setTimeout(r, 400));
    expect(gateway.stream.subscribeCalls).toEqual([]); // nothing unchecked goes upstream
    gateway.offline = false;
    await until(() => gateway.stream.subscribeCalls.length === 1);
    expect(gateway.stream.subscribeCalls[0]).toEqual([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    expect(client.messages.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('tells the subscribers of a topic the exchange refused, and forgets it', async () => {
    const client = await connect();
    client.send({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'ETHUSDT' }] });
    await until(() => gateway.stream.subscribeCalls.length === 1);
    gateway.stream.refuse({ topic: { kind: 'ticker', symbol: 'ETHUSDT' }, reason: 'error:handler not found,topic:tickers.ETHUSDT' });
    expect((await client.next('error')).message).toBe(
      'the exchange refused ticker ETHUSDT: error:handler not found,topic:tickers.ETHUSDT',
    );
    gateway.stream.emit(ticker('ETHUSDT', 1));
    await new Promise((r) => setTimeout(r, 50));
    expect(client.messages.filter((m) => m.type === 'ticker')).toEqual([]);
  });

  it('broadcasts upstream status changes to every socket', async () => {
    const [a, b] = await Promise.all([connect(), connect()]);
    await until(() => hub.clientCount === 2);
    gateway.stream.setStatus({ state: 'reconnecting', lastError: 'socket closed', nextRetryAt: 123 });
    for (const client of [a, b]) {
      expect(await client!.next('status', (m) => m.upstream.state === 'reconnecting')).toMatchObject({
        upstream: { lastError: 'socket closed', nextRetryAt: 123 },
      });
    }
  });
});

describe('StreamHub heartbeat', () => {
  it('terminates a socket that no longer answers pings and releases its topics', async () => {
    const { gateway, hub, base, close } = await startHubServer({ heartbeatMs: 50 });
    const live = await StreamTestClient.connect(`${base}/api/v1/stream`);
    const dead = await StreamTestClient.connect(`${base}/api/v1/stream/ticks/BTCUSDT`);
    try {
      await waitForSubscribe(gateway);
      dead.ws.pause(); // a frozen tab: pings are never read, so never answered
      await new Promise((r) => setTimeout(r, 300));
      expect(hub.clientCount).toBe(1);
      expect(gateway.stream.unsubscribeCalls).toEqual([[{ kind: 'ticker', symbol: 'BTCUSDT' }]]);
    } finally {
      live.close();
      dead.close();
      await close();
    }
  });
});

describe('StreamHub with a browser that stops reading', () => {
  it('drops messages past the buffer bound, then disconnects the socket instead of buffering', async () => {
    const { gateway, hub, base, close } = await startHubServer({ maxBufferedBytes: 64 * 1024, slowClientGraceMs: 20 });
    const client = await StreamTestClient.connect(`${base}/api/v1/stream/ticks/BTCUSDT`);
    try {
      await client.next('status');
      await waitForSubscribe(gateway);
      client.ws.pause();
      const closed = client.closed();
      // Enough bytes to fill the loopback socket buffers, in bursts so the grace period can pass.
      for (let burst = 0; burst < 40 && hub.clientCount > 0; burst++) {
        for (let i = 0; i < 5_000; i++) gateway.stream.emit(ticker('BTCUSDT', i));
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(hub.droppedMessages).toBeGreaterThan(0);
      expect(hub.clientCount).toBe(0);
      client.ws.resume();
      await closed;
      expect(gateway.stream.unsubscribeCalls).toEqual([[{ kind: 'ticker', symbol: 'BTCUSDT' }]]);
    } finally {
      client.close();
      await close();
    }
  });
});

describe('StreamHub logs', () => {
  it('name each browser socket by its own connection id in every line about it', async () => {
    const lines: Array<{ connId?: string; msg: string }> = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(JSON.parse(line) as { connId?: string; msg: string }) });
    const { base, close } = await startHubServer({ logger });
    try {
      const first = await StreamTestClient.connect(`${base}/api/v1/stream`);
      const second = await StreamTestClient.connect(`${base}/api/v1/stream`);
      await Promise.all([first.next('status'), second.next('status')]);
      const closed = first.closed();
      first.close();
      await closed;
      await until(() => lines.some((l) => l.msg === 'browser socket closed'));
      const about = lines.filter((l) => l.msg.startsWith('browser socket'));
      expect(about.every((l) => typeof l.connId === 'string')).toBe(true);
      const connected = about.filter((l) => l.msg === 'browser socket connected').map((l) => l.connId);
      expect(new Set(connected).size).toBe(2);
      expect(about.find((l) => l.msg === 'browser socket closed')?.connId).toBe(connected[0]);
      second.close();
    } finally {
      await close();
    }
  });
});
