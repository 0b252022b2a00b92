import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import {
  ClientStreamMessageSchema,
  eventTopicKey,
  type ServerStreamMessage,
  type StreamTopic,
  type UpstreamStatus,
} from '../../shared/market/index.ts';
import { backoffDelay, RECONNECT_BACKOFF } from '../../shared/net/backoff.ts';
import { UpstreamUnavailableError, type RefusedTopic, type UpstreamEvent, type UpstreamMarketStream } from '../market/gateway.ts';
import { SubscriptionRegistry } from './subscription-registry.ts';

export interface StreamHubOptions {
  upstream: UpstreamMarketStream;
  /**
   * Rejects with UnknownSymbolError for a symbol the exchange does not list, and with
   * UpstreamUnavailableError while that cannot be known.
   */
  validateSymbols: (symbols: string[]) => Promise<void>;
  logger: Logger;
  /** Above this many unsent bytes a client misses messages instead of buffering them. */
  maxBufferedBytes?: number;
  /** A client that stays above the bound this long is disconnected. */
  slowClientGraceMs?: number;
  heartbeatMs?: number;
}

interface ClientState {
  /** The connection's id, in every log line about it. */
  log: Logger;
  alive: boolean;
  slowSince: number | null;
  /** Client operations run in arrival order even though symbol checks are async. */
  queue: Promise<void>;
}

/**
 * Fans upstream market events out to browser sockets. Each event is serialized once and the
 * same bytes go to every subscriber; upstream subscriptions are reference-counted across sockets.
 */
export class StreamHub {
  private readonly registry = new SubscriptionRegistry<WebSocket>();
  private readonly clients = new Map<WebSocket, ClientState>();
  private readonly detach: Array<() => void>;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBufferedBytes: number;
  private readonly slowClientGraceMs: number;
  private readonly logger: Logger;
  droppedMessages = 0;

  constructor(private readonly options: StreamHubOptions) {
    this.logger = options.logger;
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.slowClientGraceMs = options.slowClientGraceMs ?? 10_000;
    this.detach = [
      options.upstream.onEvent((event) => this.fanOut(event)),
      options.upstream.onStatus((status) => this.broadcastStatus(status)),
      options.upstream.onRefused((refused) => this.dropRefused(refused)),
    ];
    this.heartbeat = setInterval(() => this.checkHeartbeats(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Takes ownership of a browser socket, optionally pre-subscribed (the /ticks/{symbol} form);
   * `connId` names it in every log line about it.
   */
  attach(ws: WebSocket, initialTopics: StreamTopic[] = [], connId: string = randomUUID()): void {
    const log = this.logger.child({ connId });
    const state: ClientState = { log, alive: true, slowSince: null, queue: Promise.resolve() };
    this.clients.set(ws, state);
    log.debug({ topics: initialTopics.length, clients: this.clients.size }, 'browser socket connected');
    ws.on('pong', () => (state.alive = true));
    ws.on('message', (data, isBinary) => this.enqueue(ws, state, () => this.handleMessage(ws, data, isBinary)));
    ws.on('close', (code) => {
      log.debug({ code }, 'browser socket closed');
      this.release(ws);
    });
    ws.on('error', (err) => log.debug({ err }, 'browser socket error'));

    this.sendTo(ws, { type: 'status', upstream: this.options.upstream.status() });
    if (initialTopics.length > 0) {
      this.enqueue(ws, state, async () => {
        if (!(await this.subscribe(ws, initialTopics))) ws.close(1008, 'unknown symbol');
      });
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.detach.forEach((off) => off());
    for (const ws of [...this.clients.keys()]) {
      ws.terminate();
      this.release(ws);
    }
  }

  private enqueue(ws: WebSocket, state: ClientState, op: () => Promise<void>): void {
    state.queue = state.queue.then(op).catch((err: unknown) => {
      state.log.error({ err }, 'stream client operation failed');
      this.sendTo(ws, { type: 'error', message: 'internal error handling the message' });
    });
  }

  private async handleMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(isBinary ? '' : data.toString());
    } catch {
      this.sendTo(ws, { type: 'error', message: 'expected a JSON text message like {"op":"subscribe","topics":[{"kind":"ticker","symbol":"BTCUSDT"}]}' });
      return;
    }
    const parsed = ClientStreamMessageSchema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      this.sendTo(ws, { type: 'error', message: `invalid stream message: ${detail}` });
      return;
    }
    const { op, topics } = parsed.data;
    if (op === 'subscribe') await this.subscribe(ws, topics);
    else this.stopUpstream(this.registry.unsubscribe(ws, topics));
  }

  /**
   * False when a topic names an unknown symbol (the client is told why). Nothing unchecked goes
   * upstream: Bybit refuses a whole subscribe batch over one unknown topic, so one client's typo
   * could otherwise silence every other client's stream.
   */
  private async subscribe(ws: WebSocket, topics: StreamTopic[]): Promise<boolean> {
    try {
      await this.validateWhenPossible(ws, [...new Set(topics.map((t) => t.symbol))]);
    } catch (err) {
      if (!this.clients.has(ws)) return false;
      this.sendTo(ws, { type: 'error', message: err instanceof Error ? err.message : String(err) });
      return false;
    }
    if (!this.clients.has(ws)) return false;
    const started = this.registry.subscribe(ws, topics);
    if (started.length > 0) this.options.upstream.subscribe(started);
    return true;
  }

  /**
   * With the exchange unreachable and no symbol list yet, the request is held (this client's
   * later messages queue behind it) and checked again with the reconnect backoff.
   */
  private async validateWhenPossible(ws: WebSocket, symbols: string[]): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.options.validateSymbols(symbols);
      } catch (err) {
        if (!(err instanceof UpstreamUnavailableError) || !this.clients.has(ws)) throw err;
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, RECONNECT_BACKOFF, Math.random())));
      }
    }
  }

  /** The exchange dropped a topic: its subscribers learn why instead of waiting in silence. */
  private dropRefused({ topic, reason }: RefusedTopic): void {
    const subscribers = this.registry.dropTopic(topic);
    const message = `the exchange refused ${topic.kind} ${topic.symbol}: ${reason}`;
    for (const ws of subscribers) this.sendTo(ws, { type: 'error', message });
  }

  private release(ws: WebSocket): void {
    if (!this.clients.delete(ws)) return;
    this.stopUpstream(this.registry.removeClient(ws));
  }

  private stopUpstream(topics: StreamTopic[]): void {
    if (topics.length > 0) this.options.upstream.unsubscribe(topics);
  }

  private fanOut(event: UpstreamEvent): void {
    const subscribers = this.registry.subscribersOf(eventTopicKey(event));
    if (!subscribers || subscribers.size === 0) return;
    const message: ServerStreamMessage = event;
    // Encoded once: ws would otherwise re-encode the string for every socket.
    const payload = Buffer.from(JSON.stringify(message));
    for (const ws of subscribers) this.deliver(ws, payload);
  }

  private broadcastStatus(upstream: UpstreamStatus): void {
    const payload = Buffer.from(JSON.stringify({ type: 'status', upstream } satisfies ServerStreamMessage));
    for (const ws of this.clients.keys()) this.deliver(ws, payload);
  }

  private sendTo(ws: WebSocket, message: ServerStreamMessage): void {
    this.deliver(ws, Buffer.from(JSON.stringify(message)));
  }

  /** Never lets a slow browser grow an unbounded send buffer in the relay. */
  private deliver(ws: WebSocket, payload: Buffer): void {
    if (ws.readyState !== WebSocket.OPEN) return;
    const state = this.clients.get(ws);
    if (state && ws.bufferedAmount > this.maxBufferedBytes) {
      this.droppedMessages++;
      const now = Date.now();
      state.slowSince ??= now;
      if (now - state.slowSince > this.slowClientGraceMs) {
        state.log.warn({ bufferedAmount: ws.bufferedAmount }, 'disconnecting a browser socket that stopped reading');
        ws.terminate();
        this.release(ws);
      }
      return;
    }
    if (state) state.slowSince = null;
    ws.send(payload, { binary: false });
  }

  private checkHeartbeats(): void {
    for (const [ws, state] of this.clients) {
      if (!state.alive) {
        state.log.debug('disconnecting a browser socket that missed its heartbeat');
        ws.terminate();
        this.release(ws);
        continue;
      }
      state.alive = false;
      ws.ping();
    }
  }
}
