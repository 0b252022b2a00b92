import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Clock } from '../clock.ts';
import type { SimMarket } from '../market/sim-market.ts';
import { wsTickerMessage } from '../market/wire-format.ts';
import { klinePushesSince } from './kline-pushes.ts';
import { alreadySubscribed, controlReply, handlerNotFound, parseWsRequest } from './control-messages.ts';
import { parsePublicTopic, type PublicTopic } from './public-topics.ts';

interface Subscription {
  topic: PublicTopic;
  /** Open time of the kline last pushed as forming; it is confirmed once a newer one exists. */
  lastStart: number | null;
  /** Trade sequence of the last ticker pushed: an unchanged ticker is not pushed again. */
  lastSequence: number | null;
}

interface Connection {
  socket: WebSocket;
  connId: string;
  subscriptions: Map<string, Subscription>;
}

/**
 * wss://stream.bybit.com/v5/public/spot: subscribe/unsubscribe/ping over JSON, pushes for
 * `tickers.{symbol}` and `kline.{interval}.{symbol}` after every walk step (`broadcast`).
 * WS-level ping frames are answered by `ws` itself. Not simulated: orderbook/publicTrade topics
 * (refused like unknown topics) and Bybit's drop of connections idle for ~10 minutes.
 */
export class PublicSpotHub {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private silent = false;

  constructor(
    private readonly market: SimMarket,
    private readonly clock: Clock,
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  connectionCount(): number {
    return this.connections.size;
  }

  /** Pushes every subscribed topic's current state; ticker frames are encoded once per topic. */
  broadcast(): void {
    if (this.connections.size === 0 || this.silent) return;
    const now = this.clock.now();
    this.market.advance(now);
    const encoded = new Map<string, string>();
    for (const connection of this.connections) {
      for (const [name, subscription] of connection.subscriptions) {
        if (subscription.topic.kind === 'tickers') {
          const sequence = this.symbolMarket(subscription.topic.symbol).sequence;
          if (sequence === subscription.lastSequence) continue;
          subscription.lastSequence = sequence;
          let frame = encoded.get(name);
          if (frame === undefined) {
            frame = JSON.stringify(this.tickerPush(subscription.topic.symbol, now));
            encoded.set(name, frame);
          }
          connection.socket.send(frame);
        } else {
          for (const push of this.klinePushes(subscription, now)) connection.socket.send(JSON.stringify(push));
        }
      }
    }
  }

  /**
   * Silent: connections stay open but nothing is read or sent (no pongs, no acks, no pushes),
   * as on a link that stopped carrying packets. Reading resumes when it ends.
   */
  setSilent(silent: boolean): void {
    this.silent = silent;
    for (const { socket } of this.connections) {
      if (silent) socket.pause();
      else socket.resume();
    }
  }

  /** Cuts every client without a close handshake, as a network failure would. */
  dropAll(): void {
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
  }

  close(): Promise<void> {
    this.dropAll();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    const connection: Connection = { socket, connId: randomUUID(), subscriptions: new Map() };
    this.connections.add(connection);
    if (this.silent) socket.pause();
    socket.on('message', (data) => this.onMessage(connection, data));
    socket.on('close', () => this.connections.delete(connection));
    socket.on('error', () => this.connections.delete(connection));
  }

  private onMessage(connection: Connection, data: RawData): void {
    const request = parseWsRequest(data);
    const reply = (op: string, success: boolean, retMsg: string) =>
      connection.socket.send(JSON.stringify(controlReply(op, success, retMsg, connection.connId, request?.reqId)));
    if (!request) return reply('', false, 'error:request must be JSON {"op":"subscribe|unsubscribe|ping","args":[...]}');
    switch (request.op) {
      case 'ping':
        return reply('ping', true, 'pong');
      case 'subscribe':
        return this.subscribe(connection, request.topics, reply);
      case 'unsubscribe':
        for (const name of request.topics) connection.subscriptions.delete(name);
        return reply('unsubscribe', true, 'unsubscribe');
      default:
        return reply(request.op, false, `error:unsupported op ${request.op}`);
    }
  }

  /** Bybit refuses the whole request if any topic is bad, and names the first bad one. */
  private subscribe(connection: Connection, args: string[], reply: (op: string, success: boolean, retMsg: string) => void): void {
    const parsed: [string, PublicTopic][] = [];
    for (const name of args) {
      const topic = parsePublicTopic(name, (symbol) => this.market.get(symbol) !== undefined);
      if (!topic) return reply('subscribe', false, handlerNotFound(name));
      if (connection.subscriptions.has(name)) return reply('subscribe', false, alreadySubscribed(name));
      parsed.push([name, topic]);
    }
    if (parsed.length === 0) return reply('subscribe', false, 'error:args must list at least one topic');
    reply('subscribe', true, 'subscribe');
    const now = this.clock.now();
    this.market.advance(now);
    for (const [name, topic] of parsed) {
      const subscription: Subscription = { topic, lastStart: null, lastSequence: null };
      if (topic.kind === 'tickers') subscription.lastSequence = this.symbolMarket(topic.symbol).sequence;
      connection.subscriptions.set(name, subscription);
      const pushes = topic.kind === 'tickers' ? [this.tickerPush(topic.symbol, now)] : this.klinePushes(subscription, now);
      for (const push of pushes) connection.socket.send(JSON.stringify(push));
    }
  }

  private tickerPush(symbol: string, now: number) {
    return wsTickerMessage(this.symbolMarket(symbol), now);
  }

  private klinePushes(subscription: Subscription, now: number) {
    const topic = subscription.topic;
    if (topic.kind !== 'kline') return [];
    const { frames, lastStart } = klinePushesSince(this.symbolMarket(topic.symbol), topic.interval, subscription.lastStart, now);
    subscription.lastStart = lastStart;
    return frames;
  }

  private symbolMarket(symbol: string) {
    const sym = this.market.get(symbol);
    if (!sym) throw new Error(`subscribed symbol ${symbol} is not simulated`);
    return sym;
  }
}
