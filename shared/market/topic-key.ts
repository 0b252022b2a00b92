import type { MarketEvent, StreamTopic } from './stream.ts';

/**
 * Stable string identity of a topic, shared by the relay's subscriptions and the browser's, and
 * by the events that feed them: both sides must agree on it or pushes reach no listener.
 */
export function topicKey(topic: StreamTopic): string {
  return topic.kind === 'ticker' ? `ticker:${topic.symbol}` : `kline:${topic.symbol}:${topic.interval}`;
}

export function eventTopic(event: MarketEvent): StreamTopic {
  return event.type === 'ticker'
    ? { kind: 'ticker', symbol: event.ticker.symbol }
    : { kind: 'kline', symbol: event.symbol, interval: event.interval };
}

export function eventTopicKey(event: MarketEvent): string {
  return topicKey(eventTopic(event));
}
