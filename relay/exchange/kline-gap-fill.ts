import type { Logger } from 'pino';
import { eventTopicKey, INTERVAL_MS, topicKey, type Candle, type Interval, type MarketEvent } from '../../shared/market/index.ts';
import { RECONNECT_BACKOFF } from '../../shared/net/backoff.ts';
import type { UpstreamMarketStream, UpstreamTopic } from '../market/gateway.ts';
import { createListeners } from './listeners.ts';
import { withRetries } from './retry.ts';

type KlineEvent = Extract<MarketEvent, { type: 'kline' }>;

export interface KlineGapFillOptions {
  /** Ascending closed candles with openTime in [from, to], from the exchange's REST API. */
  fetchCandles: (symbol: string, interval: Interval, from: number, to: number) => Promise<Candle[]>;
  logger: Logger;
  /** Attempts at fetching one gap before it is given up (and logged). */
  fetchAttempts?: number;
}

interface KlineState {
  topic: Extract<UpstreamTopic, { kind: 'kline' }>;
  /** Open time of the next candle owed to subscribers as closed; null until the first push. */
  nextToClose: number | null;
  /** The connection dropped since the last push: the next push first triggers a REST gap fill. */
  gapSuspected: boolean;
  /** Pushes that arrived while the gap was being fetched, delivered after it to keep the order. */
  held: KlineEvent[] | null;
}

/**
 * Candles that close while the upstream stream is down are never pushed once it is back (Bybit,
 * like the stand-in, sends a fresh subscriber only the forming candle). This layer remembers,
 * per kline topic, the next candle owed as closed; after a reconnect the first push shows where
 * the exchange is now, the closed candles in between are fetched over REST, and every one is
 * emitted as a closed kline event, in order and exactly once, before the live pushes resume.
 */
export function withKlineGapFill(inner: UpstreamMarketStream, options: KlineGapFillOptions): UpstreamMarketStream {
  const { logger, fetchAttempts = 5 } = options;
  const klines = new Map<string, KlineState>();
  const events = createListeners<MarketEvent>(logger, 'upstream event listener failed');

  inner.onStatus((status) => {
    if (status.state === 'connected') return;
    for (const state of klines.values()) if (state.nextToClose !== null) state.gapSuspected = true;
  });

  inner.onRefused(({ topic }) => klines.delete(topicKey(topic)));

  inner.onEvent((event) => {
    if (event.type !== 'kline') return events.emit(event);
    const state = klines.get(eventTopicKey(event));
    if (!state) return;
    if (state.held) return void state.held.push(event);
    if (state.gapSuspected && state.nextToClose !== null) {
      state.gapSuspected = false;
      state.held = [event];
      void fillGap(state, state.nextToClose, event.candle.openTime - INTERVAL_MS[event.interval]);
      return;
    }
    deliver(state, event);
  });

  /** False once the topic was unsubscribed (or refused) and maybe subscribed afresh. */
  function isCurrent(state: KlineState): boolean {
    return klines.get(topicKey(state.topic)) === state;
  }

  function deliver(state: KlineState, event: KlineEvent): void {
    const { openTime } = event.candle;
    if (state.nextToClose !== null && openTime < state.nextToClose) return; // already emitted as closed
    if (event.closed) state.nextToClose = openTime + INTERVAL_MS[event.interval];
    else state.nextToClose ??= openTime;
    events.emit(event);
  }

  async function fillGap(state: KlineState, from: number, to: number): Promise<void> {
    const { symbol, interval } = state.topic;
    try {
      if (from <= to) {
        const candles = await withRetries(() => options.fetchCandles(symbol, interval, from, to), {
          retries: fetchAttempts - 1,
          backoff: RECONNECT_BACKOFF,
          isRetryable: () => isCurrent(state),
        });
        if (!isCurrent(state)) return;
        for (const candle of candles) deliver(state, { type: 'kline', symbol, interval, candle, closed: true });
        logger.info({ symbol, interval, from, to, filled: candles.length }, 'filled the kline gap of an upstream outage');
      }
    } catch (err) {
      logger.error({ err, symbol, interval, from, to }, 'could not fetch the closed candles missed during an upstream outage');
    } finally {
      const held = state.held ?? [];
      state.held = null;
      if (isCurrent(state)) for (const event of held) deliver(state, event);
    }
  }

  return {
    subscribe(topics) {
      for (const topic of topics) {
        if (topic.kind !== 'kline' || klines.has(topicKey(topic))) continue;
        klines.set(topicKey(topic), { topic, nextToClose: null, gapSuspected: false, held: null });
      }
      inner.subscribe(topics);
    },
    unsubscribe(topics) {
      for (const topic of topics) klines.delete(topicKey(topic));
      inner.unsubscribe(topics);
    },
    onEvent: events.add,
    onStatus: (listener) => inner.onStatus(listener),
    onRefused: (listener) => inner.onRefused(listener),
    status: () => inner.status(),
  };
}
