import type { Interval } from '../../shared/market/interval.ts';
import type { Candle, MarketSymbol, Ticker, UpstreamStatus } from '../../shared/market/index.ts';

/**
 * What the relay needs from an exchange's market data. The Bybit implementation
 * (relay/exchange/) speaks v5 through bybit-api; routes and the tick hub only see this.
 */
export interface MarketGateway {
  listSymbols(): Promise<MarketSymbol[]>;
  /** All spot tickers when `symbols` is empty. */
  getTickers(symbols: string[]): Promise<Ticker[]>;
  /** Ascending candles with openTime in [from, to]; pages over the exchange's per-request limit. */
  getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]>;
  /** One upstream public stream shared by every browser subscription. */
  stream: UpstreamMarketStream;
  close(): Promise<void>;
}

export type UpstreamEvent =
  | { type: 'ticker'; ticker: Ticker }
  | { type: 'kline'; symbol: string; interval: Interval; candle: Candle; closed: boolean };

export interface UpstreamMarketStream {
  /** Idempotent: subscribing a topic twice keeps one upstream subscription. */
  subscribe(topics: UpstreamTopic[]): void;
  unsubscribe(topics: UpstreamTopic[]): void;
  onEvent(listener: (event: UpstreamEvent) => void): () => void;
  onStatus(listener: (status: UpstreamStatus) => void): () => void;
  status(): UpstreamStatus;
}

export type UpstreamTopic =
  | { kind: 'ticker'; symbol: string }
  | { kind: 'kline'; symbol: string; interval: Interval };

/** The exchange could not be reached or answered with a transport-level failure (-> HTTP 503). */
export class UpstreamUnavailableError extends Error {
  override name = 'UpstreamUnavailableError';
}

/**
 * The exchange refused the request's parameters, e.g. a candle range it cannot serve: the caller's
 * input is at fault (-> HTTP 400), and the exchange answered, so it says nothing about reachability.
 */
export class ExchangeRejectedRequestError extends Error {
  override name = 'ExchangeRejectedRequestError';
}

/** The exchange does not list this symbol (-> HTTP 404). */
export class UnknownSymbolError extends Error {
  override name = 'UnknownSymbolError';
  constructor(readonly symbol: string) {
    super(`unknown spot symbol "${symbol}"`);
  }
}
