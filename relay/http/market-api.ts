import { CandlesResponseSchema, StatusResponseSchema, SymbolsResponseSchema, TickersResponseSchema } from '../../shared/market/index.ts';
import type { ApiRoute } from './api-route.ts';
import { CandleWindowQuerySchema, TickersQuerySchema } from './market-queries.ts';

const UNKNOWN_SYMBOL = 'unknown_symbol: the symbol is not a Bybit spot symbol';
const UPSTREAM = 'upstream_unavailable: Bybit is unreachable (the relay keeps retrying)';

/** Read-only market data and upstream status, mounted under /api/v1. */
export const MARKET_API = {
  status: {
    method: 'get',
    path: '/status',
    summary: 'Trading mode, Bybit environment, upstream REST/stream health and the audit chain state',
    responses: { 200: { description: 'relay status', schema: StatusResponseSchema } },
  },
  symbols: {
    method: 'get',
    path: '/symbols',
    summary: 'Every Bybit spot symbol with its trading rules',
    responses: { 200: { description: 'spot symbols', schema: SymbolsResponseSchema } },
    errors: { 503: UPSTREAM },
  },
  tickers: {
    method: 'get',
    path: '/tickers',
    summary: 'Latest 24h tickers, all or the listed symbols',
    query: TickersQuerySchema,
    responses: { 200: { description: 'tickers', schema: TickersResponseSchema } },
    errors: { 400: 'invalid_query: a listed symbol is not upper-case letters and digits', 404: UNKNOWN_SYMBOL, 503: UPSTREAM },
  },
  candles: {
    method: 'get',
    path: '/candles',
    summary: 'Candles for [from, to] (inclusive open times), ascending',
    description: '`to` defaults to now and `from` to 1000 candles before it; both snap inward to candle open times; at most 50000 candles per request.',
    query: CandleWindowQuerySchema,
    responses: { 200: { description: 'candles', schema: CandlesResponseSchema } },
    errors: {
      400: 'invalid_query, invalid_range (from after to) or range_too_large (over 50000 candles)',
      404: UNKNOWN_SYMBOL,
      503: UPSTREAM,
    },
  },
} as const satisfies Record<string, ApiRoute>;
