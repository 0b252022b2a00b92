import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { UpstreamStatus } from '../../shared/market/index.ts';
import type { UpstreamEvent } from '../market/gateway.ts';
import { createBybitStream, describeFailure, type BybitStream } from './bybit-stream.ts';
import { readBybitFixture } from './read-bybit-fixture.ts';
import { nextValue as waitFor, until } from './test-waits.ts';

/**
 * A scripted peer speaking Bybit's public WS protocol, for behaviours the stand-in does not
 * stage on demand (a peer that stops answering pings, a malformed push).
 */
async function startPeer(options: { answerPings: boolean }) {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const requests: Array<{ op: string; args?: string[] }> = [];
  let answerPings = options.answerPings;
  server.on('connection', (socket) => {
    socket.on('message', (raw) => {
      const request = JSON.parse(String(raw)) as { op: string; req_id?: string; args?: string[] };
      if (request.op === 'ping') {
        if (answerPings) socket.send(JSON.stringify(readBybitFixture('ws/pong.public-spot.json')));
        return;
      }
      requests.push({ op: request.op, args: request.args });
      socket.send(JSON.stringify({ success: true, ret_msg: request.op, conn_id: 'peer', req_id: request.req_id, op: request.op }));
    });
  });
  return {
    url: `ws://127.0.0.1:${(server.address() as { port: number }).port}/v5/public/spot`,
    requests,
    connections: () => server.clients.size,
    broadcast: (message: unknown) => server.clients.forEach((c: WebSocket) => c.send(JSON.stringify(message))),
    setAnswerPings: (value: boolean) => void (answerPings = value),
    close: () =>
      new Promise<void>((resolve) => {
        server.clients.forEach((c: WebSocket) => c.terminate());
        server.close(() => resolve());
      }),
  };
}

const silent = pino({ level: 'silent' });
let stream: BybitStream | undefined;
let peer: Awaited<ReturnType<typeof startPeer>> | undefined;

afterEach(async () => {
  await stream?.close();
  await peer?.close();
  stream = undefined;
  peer = undefined;
});

function open(url: string, ping = { pingIntervalMs: 20_000, pongTimeoutMs: 10_000 }) {
  stream = createBybitStream({ wsUrl: url, ...ping, connectTimeoutMs: 2_000, reconnectBackoff: { baseMs: 50, maxMs: 400 }, logger: silent });
  return stream;
}



describe('createBybitStream', () => {
  it('subscribes each topic once, unsubscribes upstream and emits normalised pushes', async () => {
    peer = await startPeer({ answerPings: true });
    const s = open(peer.url);
    await waitFor(s.onStatus, (st) => st.state === 'connected');
    s.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }, { kind: 'kline', symbol: 'BTCUSDT', interval: '5m' }]);
    s.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    await until(() => peer!.requests.length === 1);

    const events: UpstreamEvent[] = [];
    s.onEvent((event) => events.push(event));
    peer.broadcast({ topic: 'tickers.BTCUSDT', data: { symbol: 'BTCUSDT' }, ts: 1, type: 'snapshot', cs: 1 }); // malformed
    peer.broadcast(readBybitFixture('ws/tickers.spot.json'));
    peer.broadcast(readBybitFixture('ws/kline.linear.json'));
    await until(() => events.length === 2);
    expect(events[0]).toEqual({
      type: 'ticker',
      ticker: expect.objectContaining({ symbol: 'BTCUSDT', lastPrice: 21109.77, change24hPct: 1.96, ts: 1673853746003 }),
    });
    expect(events[1]).toMatchObject({ type: 'kline', symbol: 'BTCUSDT', interval: '5m', closed: false, candle: { openTime: 1672324800000 } });

    s.unsubscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    s.unsubscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    await until(() => peer!.requests.length === 2);
    expect(peer.requests).toEqual([
      { op: 'subscribe', args: ['tickers.BTCUSDT', 'kline.5.BTCUSDT'] },
      { op: 'unsubscribe', args: ['tickers.BTCUSDT'] },
    ]);
    peer.broadcast(readBybitFixture('ws/tickers.spot.json'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toHaveLength(2);
  });

  it('detects a peer that stops answering pings, reconnects and resubscribes', async () => {
    peer = await startPeer({ answerPings: true });
    const s = open(peer.url, { pingIntervalMs: 100, pongTimeoutMs: 150 });
    s.subscribe([{ kind: 'ticker', symbol: 'ETHUSDT' }]);
    await until(() => peer!.requests.length === 1);

    peer.setAnswerPings(false);
    const started = Date.now();
    const dropped = await waitFor(s.onStatus, (st: UpstreamStatus) => st.state === 'reconnecting');
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(dropped.nextRetryAt).toBeGreaterThan(started);
    peer.setAnswerPings(true);

    await waitFor(s.onStatus, (st) => st.state === 'connected');
    await until(() => peer!.requests.length === 2);
    expect(peer.requests[1]).toEqual({ op: 'subscribe', args: ['tickers.ETHUSDT'] });
    expect(peer.connections()).toBe(1);
  });

  it('keeps retrying an unreachable upstream with growing delays, and closes cleanly', async () => {
    peer = await startPeer({ answerPings: true });
    const url = peer.url;
    await peer.close();
    peer = undefined;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);

    const s = open(url);
    const delays: number[] = [];
    s.onStatus((st) => st.nextRetryAt && delays.push(st.nextRetryAt - Date.now()));
    s.subscribe([{ kind: 'ticker', symbol: 'BTCUSDT' }]);
    await until(() => delays.length >= 4);
    expect(s.status()).toMatchObject({ state: 'reconnecting', lastError: expect.stringContaining('ECONNREFUSED') });
    expect(Math.max(...delays)).toBeLessThanOrEqual(400);
    expect(delays[3]!).toBeGreaterThan(delays[0]!);

    await s.close();
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});

describe('describeFailure', () => {
  it('reads errors, abnormal closes and plain strings', () => {
    expect(describeFailure(new Error('boom'))).toBe('boom');
    expect(describeFailure({ code: 1006, reason: '' })).toBe('connection closed (1006)');
    expect(describeFailure({ code: 1000 })).toBeNull();
    expect(describeFailure('socket hang up')).toBe('socket hang up');
  });
});
