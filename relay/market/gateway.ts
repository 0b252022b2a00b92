import type { Interval } from '../../shared/market/interval.ts';
import type { UpstreamFeed } from './upstream-ownership.ts';
import type { Candle, MarketEvent, MarketSymbol, StreamTopic, Ticker, UpstreamStatus } from '../../shared/market/index.ts';
import type { CircuitStatus } from '../../shared/net/circuit-status.ts';

/**
 * What the relay needs from an exchange's market data. The Bybit implementation
 * (relay/exchange/) speaks v5 through bybit-api; routes and the tick hub only see this.
 */
export interface MarketGateway {
  listSymbols(): Promise<MarketSymbol[]>;
  /** All spot tickers when `symbols` is empty. */
  getTickers(symbols: string[]): Promise<Ticker[]>;
  /** The book's best `depth` levels a side, read from the exchange now. */
  getOrderBook(symbol: string, depth: number): Promise<OrderBook>;
  /** Ascending candles with openTime in [from, to]; pages over the exchange's per-request limit. */
  getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]>;
  /** Resolves once the exchange's REST API answered a trivial request; never served from a cache. */
  probe(): Promise<void>;
  /** The circuit breaker around the REST calls, for /status; absent when there is none (test doubles). */
  restCircuit?(): CircuitStatus;
  /** The one upstream public stream; consumers subscribe through their own `openFeed()`. */
  stream: UpstreamMarketStream;
  /**
   * A consumer's reference-counted hold on upstream topics (the browser stream hub, an in-relay
   * strategy runner): a topic stays subscribed upstream while any feed holds it.
   */
  openFeed(): UpstreamFeed;
  close(): Promise<void>;
}

/** One price level: decimal strings as the exchange sends them. */
export interface BookLevel {
  price: string;
  size: string;
}

/** Bids best (highest) first, asks best (lowest) first. */
export interface OrderBook {
  symbol: string;
  bids: BookLevel[];
  asks: BookLevel[];
  /** When the exchange read it, ms. */
  time: number;
}

/** What the upstream stream emits is exactly what the relay forwards to browsers (shared schema). */
export type UpstreamEvent = MarketEvent;

export interface UpstreamMarketStream {
  /** Idempotent: subscribing a topic twice keeps one upstream subscription. */
  subscribe(topics: UpstreamTopic[]): void;
  unsubscribe(topics: UpstreamTopic[]): void;
  onEvent(listener: (event: UpstreamEvent) => void): () => void;
  onStatus(listener: (status: UpstreamStatus) => void): () => void;
  /** The exchange refused a topic; it is no longer subscribed upstream. */
  onRefused(listener: (refused: RefusedTopic) => void): () => void;
  status(): UpstreamStatus;
}

export interface RefusedTopic {
  topic: UpstreamTopic;
  /** The exchange's own words, e.g. "error:handler not found,topic:tickers.NOPEUSDT". */
  reason: string;
}

/** Upstream topics are the browser's stream topics, one for one. */
export type UpstreamTopic = StreamTopic;

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
