import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { ClientStreamMessageSchema, type ClientStreamMessage, type ServerStreamMessage } from '../../shared/market/index.ts';
import { StreamConnection, wireSocket, type ConnectionState, type SocketFactory, type TopicEvent } from './stream-connection.ts';

/** The same adapter shape as the browser's, over the `ws` client, against a real loopback server. */
const wsFactory: SocketFactory = (url, handlers) => wireSocket(new WebSocket(url), handlers);

interface Harness {
  server: WebSocketServer;
  url: string;
  received: ClientStreamMessage[];
  broadcast(message: ServerStreamMessage | string): void;
}

async function startServer(): Promise<Harness> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const received: ClientStreamMessage[] = [];
  server.on('connection', (client) => {
    client.on('message', (raw) => received.push(ClientStreamMessageSchema.parse(JSON.parse(String(raw)))));
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `ws://127.0.0.1:${port}`,
    received,
    broadcast(message) {
      const text = typeof message === 'string' ? message : JSON.stringify(message);
      for (const client of server.clients) client.send(text);
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const candle = { openTime: 1_700_000_040_000, open: 1, high: 2, low: 0.5, close: 1.5, volume: 10, turnover: 15 };
const ticker = { symbol: 'BTCUSDT', lastPrice: 97_000.5, change24hPct: 1.2, high24h: 98_000, low24h: 95_000, volume24h: 10, turnover24h: 970_000, ts: 1 };

let harness: Harness;
let connection: StreamConnection;

afterEach(async () => {
  connection?.close();
  await new Promise((r) => harness.server.close(r));
});

async function connect(): Promise<void> {
  harness = await startServer();
  connection = new StreamConnection({ url: harness.url, createSocket: wsFactory, backoff: { baseMs: 20, maxMs: 100 } });
  const opened = new Promise<void>((resolve) => connection.onConnection((s) => s.state === 'open' && resolve()));
  connection.start();
  await opened;
}

describe('StreamConnection', () => {
  it('sends one subscribe per topic however many components listen, and unsubscribes after the last', async () => {
    await connect();
    const off1 = connection.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }], () => {});
    const off2 = connection.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }, { kind: 'ticker', symbol: 'ETHUSDT' }], () => {});
    await until(() => harness.received.length === 2);
    expect(harness.received).toEqual([
      { op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] },
      { op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'ETHUSDT' }] },
    ]);
    off1();
    off1();
    off2();
    await until(() => harness.received.length === 3);
    expect(harness.received[2]).toEqual({ op: 'unsubscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }, { kind: 'ticker', symbol: 'ETHUSDT' }] });
    expect(connection.subscribedTopics()).toEqual([]);
  });

  it('routes ticker and kline messages to the listeners of their topic only', async () => {
    await connect();
    const btc: TopicEvent[] = [];
    const kline1m: TopicEvent[] = [];
    connection.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }], (e) => btc.push(e));
    connection.subscribe([{ kind: 'kline', symbol: 'BTCUSDT', interval: '1m' }], (e) => kline1m.push(e));
    await until(() => harness.received.length === 2);
    harness.broadcast({ type: 'ticker', ticker });
    harness.broadcast({ type: 'ticker', ticker: { ...ticker, symbol: 'ETHUSDT' } });
    harness.broadcast({ type: 'kline', symbol: 'BTCUSDT', interval: '5m', candle, closed: false });
    harness.broadcast({ type: 'kline', symbol: 'BTCUSDT', interval: '1m', candle, closed: true });
    await until(() => kline1m.length === 1);
    expect(btc).toEqual([{ type: 'ticker', ticker }]);
    expect(kline1m).toEqual([{ type: 'kline', symbol: 'BTCUSDT', interval: '1m', candle, closed: true }]);
  });

  it('reports upstream status and rejects malformed messages through the error listeners', async () => {
    await connect();
    const errors: string[] = [];
    connection.onError((m) => errors.push(m));
    const upstream = { state: 'reconnecting' as const, lastError: 'ECONNREFUSED', nextRetryAt: 1_700_000_000_000 };
    harness.broadcast({ type: 'status', upstream });
    harness.broadcast('not json');
    harness.broadcast(JSON.stringify({ type: 'ticker', ticker: { symbol: 'BTCUSDT', lastPrice: '97000' } }));
    harness.broadcast({ type: 'error', message: 'unknown spot symbol "NOPE"' });
    await until(() => errors.length === 3);
    expect(connection.upstreamStatus()?.status).toEqual(upstream);
    expect(errors[0]).toMatch(/not JSON/);
    expect(errors[1]).toMatch(/unexpected message/);
    expect(errors[2]).toBe('unknown spot symbol "NOPE"');
  });

  it('reconnects with backoff after a drop and re-subscribes the topics still wanted', async () => {
    await connect();
    const states: ConnectionState['state'][] = [];
    connection.onConnection((s) => states.push(s.state));
    connection.subscribe([{ kind: 'kline', symbol: 'ETHUSDT', interval: '1h' }], () => {});
    const off = connection.subscribe([{ kind: 'ticker', symbol: 'SOLUSDT' }], () => {});
    await until(() => harness.received.length === 2);
    for (const client of harness.server.clients) client.terminate();
    off();
    await until(() => states.includes('open'));
    await until(() => harness.received.length === 3);
    expect(states.slice(0, 3)).toEqual(['reconnecting', 'connecting', 'open']);
    expect(harness.received[2]).toEqual({ op: 'subscribe', topics: [{ kind: 'kline', symbol: 'ETHUSDT', interval: '1h' }] });
  });

  it('reopens after close so a remounted provider keeps its subscriptions', async () => {
    await connect();
    connection.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }], () => {});
    await until(() => harness.received.length === 1);
    connection.close();
    const reopened = new Promise<void>((resolve) => connection.onConnection((s) => s.state === 'open' && resolve()));
    connection.start();
    await reopened;
    await until(() => harness.received.length === 2);
    expect(harness.received[1]).toEqual({ op: 'subscribe', topics: [{ kind: 'ticker', symbol: 'BTCUSDT' }] });
  });
});
