import { isBybitInterval, type BybitInterval } from '../market/kline-intervals.ts';

/** Spot book depths Bybit publishes (docs/v5/websocket/public/orderbook). */
export const BOOK_DEPTHS = [1, 50, 200] as const;
export type BookDepth = (typeof BOOK_DEPTHS)[number];

export type PublicTopic =
  | { kind: 'tickers'; symbol: string }
  | { kind: 'kline'; interval: BybitInterval; symbol: string }
  | { kind: 'orderbook'; depth: BookDepth; symbol: string }
  | { kind: 'publicTrade'; symbol: string };

/**
 * Parses the public spot topics the stand-in serves (`tickers.BTCUSDT`, `kline.5.BTCUSDT`,
 * `orderbook.50.BTCUSDT`, `publicTrade.BTCUSDT`). Anything else is null: the caller answers the
 * way Bybit answers an unknown topic.
 */
export function parsePublicTopic(topic: string, isListed: (symbol: string) => boolean): PublicTopic | null {
  const parts = topic.split('.');
  const [name, a, b] = parts;
  if (parts.length === 2 && isListed(a!)) {
    if (name === 'tickers') return { kind: 'tickers', symbol: a! };
    if (name === 'publicTrade') return { kind: 'publicTrade', symbol: a! };
  }
  if (parts.length === 3 && isListed(b!)) {
    if (name === 'kline' && isBybitInterval(a!)) return { kind: 'kline', interval: a, symbol: b! };
    const depth = BOOK_DEPTHS.find((d) => String(d) === a);
    if (name === 'orderbook' && depth !== undefined) return { kind: 'orderbook', depth, symbol: b! };
  }
  return null;
}
