import pino, { type Logger } from 'pino';
import type { Interval } from '../../shared/market/interval.ts';
import { INTERVAL_MS } from '../../shared/market/interval.ts';
import type { Candle, MarketSymbol, Ticker } from '../../shared/market/index.ts';
import { UnknownSymbolError, type BookLevel, type MarketGateway, type OrderBook } from '../market/gateway.ts';
import { RECONNECT_BACKOFF, type BackoffPolicy } from '../../shared/net/backoff.ts';
import { candlesFromRows, toMarketSymbol, toTicker, toWireInterval } from './bybit-normalize.ts';
import { createBybitRest, marketDataBreaker } from './bybit-rest.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { createBybitStream } from './bybit-stream.ts';
import { fetchCandlesPaged } from './candle-paging.ts';
import { shareUpstream } from '../market/upstream-ownership.ts';
import { withKlineGapFill } from './kline-gap-fill.ts';
import type { UpstreamCalls } from '../observability/upstream-calls.ts';

/** Bybit's maximum rows per kline request. */
const KLINE_PAGE_LIMIT = 1000;

export interface BybitGatewayOptions {
  restBaseUrl: string;
  wsPublicSpotUrl: string;
  logger?: Logger;
  /** Spans, latency and error counts of every REST attempt. */
  upstreamCalls?: UpstreamCalls;
  /** Per REST attempt, ms (default 2 s: Bybit answers market reads in well under a second). */
  restTimeoutMs?: number;
  /** Bound on one REST call with its retries, ms (default 4.5 s): a silent Bybit gets a 503 by then. */
  restDeadlineMs?: number;
  /** Extra attempts for transient REST failures (default 2). */
  restRetries?: number;
  restRetryBackoff?: BackoffPolicy;
  /** Around every REST attempt; defaults to marketDataBreaker(), apart from the signed calls' breaker. */
  restBreaker?: CircuitBreaker;
  /** How long the spot symbol list is reused, ms (default 5 min). */
  symbolsTtlMs?: number;
  /**
   * Bybit asks for a ping at least every 20 s; pinging every 3 s with a 2 s pong deadline shows a
   * silent connection within 5 s, for a few bytes a second.
   */
  pingIntervalMs?: number;
  pongTimeoutMs?: number;
  /** Bound on the WebSocket opening handshake, ms (default 3 s). */
  connectTimeoutMs?: number;
  reconnectBackoff?: BackoffPolicy;
}

/**
 * MarketGateway for Bybit v5 spot. Construction never touches the network synchronously and
 * never rejects: with Bybit unreachable the stream keeps retrying and REST calls fail one by one
 * with UpstreamUnavailableError, at once while the REST breaker is open.
 */
export function createBybitGateway(options: BybitGatewayOptions): MarketGateway {
  const logger = (options.logger ?? pino({ name: 'relay' })).child({ component: 'bybit-gateway' });
  const restBreaker = options.restBreaker ?? marketDataBreaker();
  const rest = createBybitRest({
    restBaseUrl: options.restBaseUrl,
    timeoutMs: options.restTimeoutMs ?? 2_000,
    deadlineMs: options.restDeadlineMs ?? 4_500,
    retries: options.restRetries ?? 2,
    retryBackoff: options.restRetryBackoff ?? { baseMs: 250, maxMs: 1_000 },
    breaker: restBreaker,
    logger,
    ...(options.upstreamCalls ? { upstreamCalls: options.upstreamCalls } : {}),
  });
  const stream = createBybitStream({
    wsUrl: options.wsPublicSpotUrl,
    pingIntervalMs: options.pingIntervalMs ?? 3_000,
    pongTimeoutMs: options.pongTimeoutMs ?? 2_000,
    connectTimeoutMs: options.connectTimeoutMs ?? 3_000,
    reconnectBackoff: options.reconnectBackoff ?? RECONNECT_BACKOFF,
    logger,
  });
  const symbolsTtlMs = options.symbolsTtlMs ?? 5 * 60_000;
  let symbolsCache: { symbols: MarketSymbol[]; expiresAt: number } | null = null;
  let symbolsInFlight: Promise<MarketSymbol[]> | null = null;

  async function loadSymbols(): Promise<MarketSymbol[]> {
    const { list } = await rest.instruments();
    const symbols = list.filter((instrument) => instrument.status === 'Trading').map(toMarketSymbol);
    symbolsCache = { symbols, expiresAt: Date.now() + symbolsTtlMs };
    return symbols;
  }

  async function getCandles(symbol: string, interval: Interval, from: number, to: number): Promise<Candle[]> {
    const wireInterval = toWireInterval(interval);
    return fetchCandlesPaged(
      { from, to, intervalMs: INTERVAL_MS[interval], pageLimit: KLINE_PAGE_LIMIT },
      async (start, end, limit) => candlesFromRows(await rest.klinePage(symbol, wireInterval, start, end, limit)),
    );
  }

  const continuous = withKlineGapFill(stream, { fetchCandles: getCandles, logger });
  const shared = shareUpstream(continuous);

  return {
    async listSymbols() {
      if (symbolsCache && symbolsCache.expiresAt > Date.now()) return symbolsCache.symbols;
      // Concurrent callers share one request instead of stampeding Bybit.
      symbolsInFlight ??= loadSymbols().finally(() => {
        symbolsInFlight = null;
      });
      return symbolsInFlight;
    },

    async getTickers(symbols: string[]): Promise<Ticker[]> {
      if (symbols.length === 1) {
        const { list, time } = await rest.tickers(symbols[0]);
        return list.map((wire) => toTicker(wire, time));
      }
      const { list, time } = await rest.tickers();
      const tickers = list.map((wire) => toTicker(wire, time));
      if (symbols.length === 0) return tickers;
      const bySymbol = new Map(tickers.map((ticker) => [ticker.symbol, ticker]));
      return symbols.map((symbol) => {
        const ticker = bySymbol.get(symbol);
        if (!ticker) throw new UnknownSymbolError(symbol);
        return ticker;
      });
    },

    async getOrderBook(symbol: string, depth: number): Promise<OrderBook> {
      const book = await rest.orderbook(symbol, depth);
      const level = ([price, size]: [string, string]): BookLevel => ({ price, size });
      return { symbol: book.s, bids: book.b.map(level), asks: book.a.map(level), time: book.ts };
    },

    getCandles,

    async probe() {
      await rest.serverTime();
    },

    restCircuit: () => restBreaker.status(),

    stream: continuous,
    openFeed: () => shared.openFeed(),

    async close() {
      await stream.close();
    },
  };
}
