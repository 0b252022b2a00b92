import type { UpstreamMarketStream } from '../market/gateway.ts';
import type { RelayMetrics } from './relay-metrics.ts';

/**
 * Feeds the upstream stream's own signals to the metrics: every reconnect attempt, and the newest
 * closed candle per interval (the ingestion lag is measured from it at scrape time). Returns the
 * unsubscribe.
 */
export function watchUpstream(stream: UpstreamMarketStream, metrics: Pick<RelayMetrics, 'countUpstreamReconnect' | 'observeClosedCandle'>): () => void {
  const offStatus = stream.onStatus((status) => {
    if (status.state === 'reconnecting') metrics.countUpstreamReconnect();
  });
  const offEvent = stream.onEvent((event) => {
    if (event.type === 'kline' && event.closed) metrics.observeClosedCandle(event.interval, event.candle.openTime);
  });
  return () => {
    offStatus();
    offEvent();
  };
}
