import type { StreamTopic } from '../../shared/market/index.ts';
import type { UpstreamEvent } from '../market/gateway.ts';

/** Stable string identity of a topic, shared by subscriptions and the events that feed them. */
export function topicKey(topic: StreamTopic): string {
  return topic.kind === 'ticker' ? `ticker:${topic.symbol}` : `kline:${topic.symbol}:${topic.interval}`;
}

export function eventTopicKey(event: UpstreamEvent): string {
  return event.type === 'ticker'
    ? topicKey({ kind: 'ticker', symbol: event.ticker.symbol })
    : topicKey({ kind: 'kline', symbol: event.symbol, interval: event.interval });
}
