import {
  eventTopicKey,
  ServerStreamMessageSchema,
  topicKey,
  type ClientStreamMessage,
  type ServerStreamMessage,
  type StreamTopic,
  type UpstreamStatus,
} from '../../shared/market/index.ts';
import { backoffDelay, RECONNECT_BACKOFF, type BackoffPolicy } from '../../shared/net/backoff.ts';

/** What the connection needs from a socket; adapters below wrap the browser's WebSocket. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
}

export interface SocketHandlers {
  onOpen(): void;
  onMessage(data: unknown): void;
  onClose(): void;
}

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketLike;

/** The event-handler properties shared by the browser's WebSocket and the `ws` client used in tests. */
export interface EventHandlerSocket extends SocketLike {
  onopen: unknown;
  onmessage: unknown;
  onerror: unknown;
  onclose: unknown;
}

/** Routes a socket's events to the connection; an error closes it so onClose drives the reconnect. */
export function wireSocket<S extends EventHandlerSocket>(socket: S, handlers: SocketHandlers): S {
  socket.onopen = () => handlers.onOpen();
  socket.onmessage = (event: { data: unknown }) => handlers.onMessage(event.data);
  socket.onerror = () => socket.close();
  socket.onclose = () => handlers.onClose();
  return socket;
}

export const browserSocketFactory: SocketFactory = (url, handlers) => wireSocket(new WebSocket(url), handlers);

const OPEN = 1;

/** A topic's listeners get the relay's ticker and kline messages as parsed. */
export type TopicEvent = Extract<ServerStreamMessage, { type: 'ticker' | 'kline' }>;
export type KlineEvent = Extract<TopicEvent, { type: 'kline' }>;

/** State of the browser <-> relay socket, for the offline banner. */
export type ConnectionState =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number; nextRetryAt: number };

/** The relay pushes Bybit's stream status; receivedAt lets the UI pick it or a newer poll. */
export interface StreamedUpstreamStatus {
  status: UpstreamStatus;
  receivedAt: number;
}

export interface StreamConnectionOptions {
  url: string;
  createSocket: SocketFactory;
  backoff?: BackoffPolicy;
  random?: () => number;
  now?: () => number;
}

interface TopicEntry {
  topic: StreamTopic;
  listeners: Set<(event: TopicEvent) => void>;
}

/**
 * One socket per tab shared by every component. Topics are ref-counted: the relay sees one
 * subscribe when the first listener arrives and one unsubscribe when the last leaves. After a
 * drop it reconnects with bounded backoff and re-subscribes everything still wanted.
 */
export class StreamConnection {
  private socket: SocketLike | null = null;
  private readonly topics = new Map<string, TopicEntry>();
  private readonly connectionListeners = new Set<(state: ConnectionState) => void>();
  private readonly upstreamListeners = new Set<(status: StreamedUpstreamStatus) => void>();
  private readonly errorListeners = new Set<(message: string) => void>();
  private connection: ConnectionState = { state: 'connecting' };
  private upstream: StreamedUpstreamStatus | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: StreamConnectionOptions) {}

  /** Opens the socket; also reopens after close() (React StrictMode mounts effects twice). */
  start(): void {
    this.closed = false;
    if (this.socket || this.retryTimer) return;
    const socket: SocketLike = this.options.createSocket(this.options.url, {
      onOpen: () => {
        this.attempt = 0;
        this.setConnection({ state: 'open' });
        const wanted = [...this.topics.values()].map((e) => e.topic);
        if (wanted.length > 0) this.send({ op: 'subscribe', topics: wanted });
      },
      onMessage: (data) => this.handleMessage(data),
      onClose: () => {
        if (this.socket !== socket) return;
        this.socket = null;
        if (!this.closed) this.scheduleReconnect();
      },
    });
    this.socket = socket;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close();
  }

  /** Returns the matching unsubscribe; safe to call more than once. */
  subscribe(topics: StreamTopic[], listener: (event: TopicEvent) => void): () => void {
    const added: StreamTopic[] = [];
    for (const topic of topics) {
      const key = topicKey(topic);
      let entry = this.topics.get(key);
      if (!entry) {
        entry = { topic, listeners: new Set() };
        this.topics.set(key, entry);
        added.push(topic);
      }
      entry.listeners.add(listener);
    }
    if (added.length > 0) this.send({ op: 'subscribe', topics: added });

    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const removed: StreamTopic[] = [];
      for (const topic of topics) {
        const key = topicKey(topic);
        const entry = this.topics.get(key);
        if (!entry) continue;
        entry.listeners.delete(listener);
        if (entry.listeners.size === 0) {
          this.topics.delete(key);
          removed.push(topic);
        }
      }
      if (removed.length > 0) this.send({ op: 'unsubscribe', topics: removed });
    };
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  onUpstreamStatus(listener: (status: StreamedUpstreamStatus) => void): () => void {
    this.upstreamListeners.add(listener);
    return () => this.upstreamListeners.delete(listener);
  }

  onError(listener: (message: string) => void): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  connectionState(): ConnectionState {
    return this.connection;
  }

  upstreamStatus(): StreamedUpstreamStatus | null {
    return this.upstream;
  }

  subscribedTopics(): StreamTopic[] {
    return [...this.topics.values()].map((e) => e.topic);
  }

  private send(message: ClientStreamMessage): void {
    // While disconnected the topic map is the source of truth; onopen replays it.
    if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify(message));
  }

  private handleMessage(data: unknown): void {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      this.emitError(`stream sent a message that is not JSON: ${String(data).slice(0, 80)}`);
      return;
    }
    const parsed = ServerStreamMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.emitError(`stream sent an unexpected message: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'ticker':
      case 'kline':
        this.dispatch(eventTopicKey(message), message);
        break;
      case 'status':
        this.upstream = { status: message.upstream, receivedAt: (this.options.now ?? Date.now)() };
        for (const listener of this.upstreamListeners) listener(this.upstream);
        break;
      case 'error':
        this.emitError(message.message);
        break;
    }
  }

  private dispatch(key: string, event: TopicEvent): void {
    const entry = this.topics.get(key);
    if (!entry) return;
    for (const listener of entry.listeners) listener(event);
  }

  private emitError(message: string): void {
    for (const listener of this.errorListeners) listener(message);
  }

  private scheduleReconnect(): void {
    const delay = backoffDelay(this.attempt, this.options.backoff ?? RECONNECT_BACKOFF, (this.options.random ?? Math.random)());
    this.attempt += 1;
    const now = (this.options.now ?? Date.now)();
    this.setConnection({ state: 'reconnecting', attempt: this.attempt, nextRetryAt: now + delay });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.setConnection({ state: 'connecting' });
      this.start();
    }, delay);
  }

  private setConnection(state: ConnectionState): void {
    this.connection = state;
    for (const listener of this.connectionListeners) listener(state);
  }
}
