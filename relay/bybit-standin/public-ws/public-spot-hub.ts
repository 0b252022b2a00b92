import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { trackConnection } from './ws-connections.ts';
import type { Clock } from '../clock.ts';
import type { SimMarket } from '../market/sim-market.ts';
import { wsTickerMessage } from '../market/wire-format.ts';
import { levelRows, wsBookFrame, wsTradeItem } from '../market/book-wire.ts';
import type { SpotExchange } from '../trading/spot-exchange.ts';
import { bookDelta } from './book-diff.ts';
import { klinePushesSince } from './kline-pushes.ts';
import { alreadySubscribed, controlReply, handlerNotFound, parseWsRequest } from './control-messages.ts';
import { parsePublicTopic, type PublicTopic } from './public-topics.ts';

interface Subscription {
  topic: PublicTopic;
  /** Open time of the kline last pushed as forming; it is confirmed once a newer one exists. */
  lastStart: number | null;
  /** Trade sequence of the last ticker pushed: an unchanged ticker is not pushed again. */
  lastSequence: number | null;
  /** Book update id last pushed, and the levels the subscriber now holds (price -> size). */
  lastU: number | null;
  bids: Map<string, string>;
  asks: Map<string, string>;
  /** Tape sequence of the last public trade pushed. */
  lastTradeSeq: number;
}

interface Connection {
  socket: WebSocket;
  connId: string;
  subscriptions: Map<string, Subscription>;
}

/**
 * wss://stream.bybit.com/v5/public/spot: subscribe/unsubscribe/ping over JSON, pushes for
 * `tickers.{symbol}`, `kline.{interval}.{symbol}`, `orderbook.{1,50,200}.{symbol}` (a snapshot,
 * then deltas; depth 1 always snapshots) and `publicTrade.{symbol}` after every walk step
 * (`broadcast`), the book and trades being the exchange's own (the account's orders and taker
 * fills included). WS-level ping frames are answered by `ws` itself. Not simulated: Bybit's drop
 * of connections idle for ~10 minutes.
 */
export class PublicSpotHub {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly connections = new Set<Connection>();
  private silent = false;

  constructor(
    private readonly market: SimMarket,
    private readonly clock: Clock,
    private readonly exchange: SpotExchange,
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
          for (const push of this.pushesOf(subscription, now)) connection.socket.send(JSON.stringify(push));
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
    trackConnection(this.connections, connection, this.silent, (data) => this.onMessage(connection, data));
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
      const subscription: Subscription = { topic, lastStart: null, lastSequence: null, lastU: null, bids: new Map(), asks: new Map(), lastTradeSeq: 0 };
      if (topic.kind === 'tickers') subscription.lastSequence = this.symbolMarket(topic.symbol).sequence;
      // Trades stream from the subscription on; Bybit sends no history on subscribe.
      if (topic.kind === 'publicTrade') subscription.lastTradeSeq = this.lastTradeSeq(topic.symbol);
      connection.subscriptions.set(name, subscription);
      const pushes = topic.kind === 'tickers' ? [this.tickerPush(topic.symbol, now)] : this.pushesOf(subscription, now);
      for (const push of pushes) connection.socket.send(JSON.stringify(push));
    }
  }

  private tickerPush(symbol: string, now: number) {
    return wsTickerMessage(this.symbolMarket(symbol), now);
  }

  private pushesOf(subscription: Subscription, now: number): unknown[] {
    const topic = subscription.topic;
    switch (topic.kind) {
      case 'kline': {
        const { frames, lastStart } = klinePushesSince(this.symbolMarket(topic.symbol), topic.interval, subscription.lastStart, now);
        subscription.lastStart = lastStart;
        return frames;
      }
      case 'orderbook':
        return this.bookPushes(subscription, topic.depth, topic.symbol, now);
      case 'publicTrade': {
        const trades = this.exchange.tradesSince(topic.symbol, subscription.lastTradeSeq);
        if (trades.length === 0) return [];
        subscription.lastTradeSeq = trades[trades.length - 1]!.seq;
        return [{ topic: `publicTrade.${topic.symbol}`, type: 'snapshot', ts: now, data: trades.map((t) => wsTradeItem(topic.symbol, t)) }];
      }
      default:
        return [];
    }
  }

  private bookPushes(subscription: Subscription, depth: number, symbol: string, now: number): unknown[] {
    const book = this.exchange.book(symbol, depth)!;
    if (book.u === subscription.lastU) return [];
    const name = `orderbook.${depth}.${symbol}`;
    const bids = levelRows(book.bids);
    const asks = levelRows(book.asks);
    const first = subscription.lastU === null;
    subscription.lastU = book.u;
    if (first || depth === 1) {
      bookDelta(subscription.bids, bids);
      bookDelta(subscription.asks, asks);
      return [wsBookFrame(name, 'snapshot', book, bids, asks, now)];
    }
    const bidRows = bookDelta(subscription.bids, bids);
    const askRows = bookDelta(subscription.asks, asks);
    if (bidRows.length === 0 && askRows.length === 0) return [];
    return [wsBookFrame(name, 'delta', book, bidRows, askRows, now)];
  }

  private lastTradeSeq(symbol: string): number {
    return this.exchange.recentTrades(symbol, 1)[0]?.seq ?? 0;
  }

  private symbolMarket(symbol: string) {
    const sym = this.market.get(symbol);
    if (!sym) throw new Error(`subscribed symbol ${symbol} is not simulated`);
    return sym;
  }
}
