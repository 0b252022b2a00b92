import { isBybitInterval, type BybitInterval } from '../market/kline-intervals.ts';

export type PublicTopic =
  | { kind: 'tickers'; symbol: string }
  | { kind: 'kline'; interval: BybitInterval; symbol: string };

/**
 * Parses the public spot topics the stand-in serves (`tickers.BTCUSDT`, `kline.5.BTCUSDT`).
 * Anything else, including orderbook/publicTrade which it does not simulate, is null: the caller
 * answers the way Bybit answers an unknown topic.
 */
export function parsePublicTopic(topic: string, isListed: (symbol: string) => boolean): PublicTopic | null {
  const parts = topic.split('.');
  if (parts[0] === 'tickers' && parts.length === 2 && isListed(parts[1]!)) {
    return { kind: 'tickers', symbol: parts[1]! };
  }
  if (parts[0] === 'kline' && parts.length === 3 && isBybitInterval(parts[1]!) && isListed(parts[2]!)) {
    return { kind: 'kline', interval: parts[1], symbol: parts[2]! };
  }
  return null;
}
