import type { z } from 'zod';
import {
  ApiErrorSchema,
  CandlesResponseSchema,
  StatusResponseSchema,
  SymbolsResponseSchema,
  TickersResponseSchema,
  type Candle,
  type Interval,
  type MarketSymbol,
  type StatusResponse,
  type Ticker,
} from '../../shared/market/index.ts';

/**
 * The relay answered with an error body (4xx/5xx) — `status` 503 means Bybit is unreachable. The
 * message ends with the request id, so whatever error line the UI shows can be found in the relay log.
 */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    /** The relay's own words, without the request id. */
    readonly reason: string,
    readonly status: number,
    readonly code: string,
    readonly requestId: string,
    /** The whole error body as sent, for routes whose errors carry more (e.g. which evidence is missing); parse it with that route's schema. */
    readonly body: unknown = null,
  ) {
    super(`${reason} (request id ${requestId})`);
  }
}

/** The relay itself could not be reached (offline, relay down) — distinct from an upstream failure. */
export class RelayUnreachableError extends Error {
  override name = 'RelayUnreachableError';
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export interface JsonRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * The one way the client talks to the relay's JSON API: the answer is checked against `schema`,
 * an ApiError body becomes ApiRequestError, and a failed connection becomes RelayUnreachableError.
 * Every call is one user-visible action with its own `x-request-id`, which the relay logs, passes
 * to Bybit and echoes.
 */
export async function requestJson<S extends z.ZodType>(
  path: string,
  schema: S,
  fetchFn: FetchFn = fetch,
  { method = 'GET', body: requestBody }: JsonRequest = {},
): Promise<z.infer<S>> {
  const requestId = crypto.randomUUID();
  const headers = { accept: 'application/json', 'x-request-id': requestId };
  const init: RequestInit =
    requestBody === undefined
      ? { method, headers }
      : { method, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(requestBody) };
  let response: Response;
  try {
    response = await fetchFn(path, init);
  } catch (err) {
    throw new RelayUnreachableError(`relay unreachable (${path}): ${err instanceof Error ? err.message : String(err)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = ApiErrorSchema.safeParse(body);
    // The relay replaces an id it will not take; quote the one its log has.
    const answeredId = (parsed.success ? parsed.data.error.requestId : undefined) ?? response.headers.get('x-request-id') ?? requestId;
    if (parsed.success) throw new ApiRequestError(parsed.data.error.message, response.status, parsed.data.error.code, answeredId, body);
    throw new ApiRequestError(`${path} failed with HTTP ${response.status}`, response.status, 'http_error', answeredId, body);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`unexpected response from ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

export async function fetchStatus(fetchFn?: FetchFn): Promise<StatusResponse> {
  return requestJson('/api/v1/status', StatusResponseSchema, fetchFn);
}

export async function fetchSymbols(fetchFn?: FetchFn): Promise<MarketSymbol[]> {
  return (await requestJson('/api/v1/symbols', SymbolsResponseSchema, fetchFn)).symbols;
}

/** All spot tickers when `symbols` is empty. */
export async function fetchTickers(symbols: string[], fetchFn?: FetchFn): Promise<Ticker[]> {
  const query = symbols.length > 0 ? `?symbols=${encodeURIComponent(symbols.join(','))}` : '';
  return (await requestJson(`/api/v1/tickers${query}`, TickersResponseSchema, fetchFn)).tickers;
}

export type CandleFetcher = (symbol: string, interval: Interval, from: number, to: number) => Promise<Candle[]>;

export function createCandleFetcher(fetchFn: FetchFn = fetch, baseUrl = ''): CandleFetcher {
  return async (symbol, interval, from, to) => {
    const query = new URLSearchParams({ symbol, interval, from: String(from), to: String(to) });
    return (await requestJson(`${baseUrl}/api/v1/candles?${query.toString()}`, CandlesResponseSchema, fetchFn)).candles;
  };
}
