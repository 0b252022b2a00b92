import type { Logger } from 'pino';
import { WebsocketClient, WS_KEY_MAP } from 'bybit-api';
import type { UpstreamStatus } from '../../shared/market/index.ts';
import type { RefusedTopic, UpstreamEvent, UpstreamMarketStream, UpstreamTopic } from '../market/gateway.ts';
import { createBackoff, type BackoffPolicy } from '../../shared/net/backoff.ts';
import { bybitApiLogger } from './bybit-api-logger.ts';
import { candleFromBar, parseTopicName, tickerFromPush, topicName } from './bybit-normalize.ts';
import { WsKlinePushSchema, WsSubscribeAckSchema, WsTickerPushSchema, type WsSubscribeAck } from './bybit-wire.ts';
import { createListeners } from './listeners.ts';

export interface BybitStreamOptions {
  wsUrl: string;
  /** How often to send Bybit's `{"op":"ping"}`; Bybit asks for one every 20 s. */
  pingIntervalMs: number;
  /** A ping without a pong within this is a dead connection; ping + pong bound the detection time. */
  pongTimeoutMs: number;
  /** An opening handshake unanswered for this long is a failed attempt (a silent upstream). */
  connectTimeoutMs: number;
  reconnectBackoff: BackoffPolicy;
  logger: Logger;
}

export interface BybitStream extends UpstreamMarketStream {
  close(): Promise<void>;
}

const SPOT = WS_KEY_MAP.v5SpotPublic;

/**
 * bybit-api waits a fixed `reconnectTimeout` before every reconnect; it reads the option each time
 * it schedules one, so setting it per attempt turns the fixed delay into bounded backoff.
 */
class BackoffWebsocketClient extends WebsocketClient {
  setReconnectDelay(ms: number): void {
    this.options.reconnectTimeout = ms;
  }
}

/**
 * One public spot connection through bybit-api's WebsocketClient, which pings, detects a missing
 * pong, reconnects and resubscribes every remembered topic by itself. This layer keeps the topic
 * set idempotent, turns the client's events into UpstreamStatus and normalises pushes.
 */
export function createBybitStream(options: BybitStreamOptions): BybitStream {
  const { logger } = options;
  const backoff = createBackoff(options.reconnectBackoff);
  const topics = new Map<string, UpstreamTopic>();
  const eventListeners = createListeners<UpstreamEvent>(logger, 'upstream event listener failed');
  const statusListeners = createListeners<UpstreamStatus>(logger, 'upstream status listener failed');
  const refusedListeners = createListeners<RefusedTopic>(logger, 'refused topic listener failed');
  let status: UpstreamStatus = { state: 'connecting', lastError: null, nextRetryAt: null };
  let closed = false;
  let scheduledDelayMs = 0;
  /** Why the current attempt failed; bybit-api reports it before the close that triggers a reconnect. */
  let attemptError: string | null = null;

  const client = new BackoffWebsocketClient(
    {
      wsUrl: options.wsUrl,
      pingInterval: options.pingIntervalMs,
      pongTimeout: options.pongTimeoutMs,
      wsOptions: { handshakeTimeout: options.connectTimeoutMs },
    },
    bybitApiLogger(logger),
  );

  const store = client.getWsStore();

  /** The delay bybit-api will use for the next reconnect it schedules. */
  function armNextReconnect(): void {
    scheduledDelayMs = backoff.next();
    client.setReconnectDelay(scheduledDelayMs);
  }

  function setStatus(next: UpstreamStatus): void {
    status = next;
    statusListeners.emit(next);
  }

  function onConnected(): void {
    attemptError = null;
    backoff.reset();
    armNextReconnect();
    setStatus({ state: 'connected', lastError: null, nextRetryAt: null });
  }

  client.on('open', onConnected);
  client.on('reconnected', onConnected);
  client.on('reconnect', ({ event }) => {
    if (closed) return;
    const lastError = attemptError ?? describeFailure(event) ?? 'connection lost';
    attemptError = null;
    setStatus({ state: 'reconnecting', lastError, nextRetryAt: Date.now() + scheduledDelayMs });
    armNextReconnect();
  });
  client.on('exception', (event) => {
    // bybit-api reports a refused subscribe (`success: false` ack) here, beside transport failures.
    const ack = WsSubscribeAckSchema.safeParse(event);
    if (ack.success) {
      if (!ack.data.success && ack.data.op === 'subscribe') recoverRefusedBatch(ack.data);
      return;
    }
    attemptError = describeFailure(event) ?? attemptError;
  });
  client.on('update', (message) => {
    try {
      handlePush(message);
    } catch (error) {
      logger.error({ err: error }, 'failed to handle a Bybit push');
    }
  });

  function handlePush(message: unknown): void {
    const topic = typeof message === 'object' && message && 'topic' in message ? String(message.topic) : '';
    if (!topics.has(topic)) return; // late push for a topic just unsubscribed, or one never asked for
    if (topic.startsWith('tickers.')) {
      const push = WsTickerPushSchema.safeParse(message);
      if (!push.success) return dropMalformed(topic, push.error.issues[0]?.message);
      eventListeners.emit({ type: 'ticker', ticker: tickerFromPush(push.data) });
      return;
    }
    const push = WsKlinePushSchema.safeParse(message);
    const parsed = parseTopicName(topic);
    if (!push.success || parsed?.kind !== 'kline') return dropMalformed(topic, push.error?.issues[0]?.message);
    for (const bar of push.data.data) {
      eventListeners.emit({
        type: 'kline',
        symbol: parsed.symbol,
        interval: parsed.interval,
        candle: candleFromBar(bar),
        closed: bar.confirm,
      });
    }
  }

  /**
   * Bybit refuses a whole subscribe request over one bad topic, and bybit-api resubscribes every
   * remembered topic in batches after a reconnect, so one unknown topic would silence every
   * valid one sharing its batch. The refused topic (named in ret_msg) is forgotten and the rest
   * of the batch (bybit-api's req_id is its topics joined by commas) is asked for again.
   */
  function recoverRefusedBatch(ack: WsSubscribeAck): void {
    const batch = ack.req_id?.split(',').filter((name) => topics.has(name)) ?? [];
    const named = /topic:(\S+)$/.exec(ack.ret_msg)?.[1];
    const alreadySubscribed = /already subscribed/.test(ack.ret_msg);
    // With no topic named, a lone topic is the culprit; a larger batch is split so each stands alone.
    const refused = named ?? (batch.length === 1 ? batch[0] : undefined);
    logger.warn({ ack, refused }, 'Bybit refused a subscription');
    if (refused !== undefined && !alreadySubscribed && topics.has(refused)) {
      topics.delete(refused);
      store.deleteTopic(SPOT, { topic: refused, category: 'spot' });
      refusedListeners.emit({ topic: parseTopicName(refused)!, reason: ack.ret_msg });
    }
    const retry = batch.filter((name) => name !== refused);
    if (retry.length === 0 || closed) return;
    // bybit-api skips topics it already remembers, so they are forgotten first to be sent again.
    for (const name of retry) store.deleteTopic(SPOT, { topic: name, category: 'spot' });
    const requests = named === undefined ? retry.map((name) => [name]) : [retry];
    for (const request of requests) sendSubscribe(request);
  }

  function sendSubscribe(names: string[]): void {
    for (const pending of client.subscribeV5(names, 'spot')) Promise.resolve(pending).catch(logRejection('subscribe'));
  }

  function dropMalformed(topic: string, reason: string | undefined): void {
    logger.warn({ topic, reason }, 'dropped a malformed Bybit push');
  }

  function logRejection(action: string) {
    return (error: unknown) => logger.warn({ action, err: describeFailure(error) ?? error }, 'Bybit stream request failed');
  }

  armNextReconnect();
  // Connect at once so status reflects reachability before anyone subscribes; bybit-api keeps
  // retrying on its own when Bybit is unreachable, so nothing here may reject unhandled.
  client.connect(SPOT).catch(logRejection('connect'));

  return {
    subscribe(requested) {
      const fresh = requested.map(topicName).filter((name, i, names) => !topics.has(name) && names.indexOf(name) === i);
      if (fresh.length === 0 || closed) return;
      for (const name of fresh) topics.set(name, parseTopicName(name)!);
      sendSubscribe(fresh);
    },
    unsubscribe(requested) {
      const known = [...new Set(requested.map(topicName))].filter((name) => topics.has(name));
      if (known.length === 0 || closed) return;
      for (const name of known) topics.delete(name);
      for (const pending of client.unsubscribeV5(known, 'spot')) Promise.resolve(pending).catch(logRejection('unsubscribe'));
    },
    onEvent: eventListeners.add,
    onStatus: statusListeners.add,
    onRefused: refusedListeners.add,
    status: () => status,
    async close() {
      if (closed) return;
      closed = true;
      // Only an open socket has a close handshake to wait for; otherwise closeAll just clears timers.
      const socketGone = new Promise<void>((resolve) => {
        if (!client.isConnected(SPOT)) return resolve();
        const fallback = setTimeout(resolve, 1_000);
        client.once('close', () => {
          clearTimeout(fallback);
          resolve();
        });
      });
      client.closeAll(true);
      await socketGone;
      client.removeAllListeners();
      eventListeners.clear();
      statusListeners.clear();
      refusedListeners.clear();
    },
  };
}

/**
 * bybit-api hands over ws ErrorEvents spread into plain objects (the `message` getter is lost),
 * CloseEvents, Errors and its own objects; pull a readable reason out of whichever arrived.
 */
export function describeFailure(event: unknown): string | null {
  if (!event || typeof event !== 'object') return typeof event === 'string' ? event : null;
  if (event instanceof Error) return event.message;
  const record = event as Record<string | symbol, unknown>;
  if (typeof record.message === 'string' && record.message) return record.message;
  for (const key of Object.getOwnPropertySymbols(record)) {
    const value = record[key];
    if (value instanceof Error) return value.message;
  }
  if (typeof record.code === 'number' && record.code !== 1000) {
    const reason = typeof record.reason === 'string' && record.reason ? `: ${record.reason}` : '';
    return `connection closed (${record.code}${reason})`;
  }
  return null;
}
