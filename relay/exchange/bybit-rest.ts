import type { Logger } from 'pino';
import { RestClientV5 } from 'bybit-api';
import type { z } from 'zod';
import { ExchangeRejectedRequestError, UnknownSymbolError, UpstreamUnavailableError } from '../market/gateway.ts';
import type { BackoffPolicy } from '../../shared/net/backoff.ts';
import {
  KlineResultSchema,
  RestEnvelopeSchema,
  RET_CODE_PARAMS_ERROR,
  ServerTimeResultSchema,
  SpotInstrumentsResultSchema,
  SpotOrderbookResultSchema,
  SpotTickersResultSchema,
  type SpotOrderbookResult,
  type KlineRow,
  type SpotInstrument,
  type SpotTicker,
  type WireKlineInterval,
} from './bybit-wire.ts';
import { CircuitBreaker, CircuitOpenError } from './circuit-breaker.ts';
import { withRetries } from './retry.ts';
import { currentRequestId } from '../observability/correlation-context.ts';
import { UNOBSERVED_UPSTREAM, type UpstreamCalls } from '../observability/upstream-calls.ts';
import { correlationTransformRequest } from './bybit-request-headers.ts';

/** Bybit's "Too many visits" and "Server Timeout": worth another try. */
const TRANSIENT_RET_CODES = new Set([10006, 10016]);

/** An upstream failure another attempt may cure (network, timeout, 5xx, rate limit). */
export class TransientUpstreamError extends UpstreamUnavailableError {}

/**
 * Eight failed attempts in a row, as for the signed calls: a call and its retries are three, so
 * one unlucky call never opens it. Market reads are cheap to probe and a chart waits on them, so
 * it tries again after 5 s rather than the signed calls' 15.
 */
const MARKET_DATA_BREAKER = { failureThreshold: 8, openMs: 5_000 };

/** The breaker of the public market calls: its own, so a dead public host never blocks an order cancel, nor the reverse. */
export function marketDataBreaker(now?: () => number): CircuitBreaker {
  return new CircuitBreaker({ ...MARKET_DATA_BREAKER, peer: 'Bybit market data', ...(now ? { now } : {}) });
}

export interface BybitRestOptions {
  restBaseUrl: string;
  /** Per-attempt bound, ms. */
  timeoutMs: number;
  /** Bound on one call with all its retries, ms: a silent Bybit gets a 503 within this. */
  deadlineMs: number;
  retries: number;
  retryBackoff: BackoffPolicy;
  /** Every attempt goes through it; transient failures count against Bybit. */
  breaker: CircuitBreaker;
  logger?: Logger;
  /** Spans, latency and error counts of every attempt. */
  upstreamCalls?: UpstreamCalls;
}

/**
 * Public v5 market endpoints through bybit-api's RestClientV5, with every failure mapped to the
 * gateway's errors and every body checked against the wire schema. While the breaker is open an
 * attempt fails at once, unsent, as Bybit unreachable (the routes' 503).
 */
export function createBybitRest(options: BybitRestOptions) {
  // bybit-api's defaults are a 5-minute axios timeout and no retries; bound both here.
  const client = new RestClientV5({ baseUrl: options.restBaseUrl }, { timeout: options.timeoutMs, transformRequest: correlationTransformRequest() });
  const upstreamCalls = options.upstreamCalls ?? UNOBSERVED_UPSTREAM;

  async function call<T extends z.ZodType>(
    what: string,
    result: T,
    request: () => Promise<unknown>,
    symbol?: string,
    retries = options.retries,
  ): Promise<{ result: z.infer<T>; time: number }> {
    const attempt = () =>
      upstreamCalls.attempt(what, async () => {
        let body: unknown;
        try {
          body = await request();
        } catch (error) {
          throw transportFailure(what, error);
        }
        return readEnvelope(what, body, result, symbol);
      });
    return withRetries(
      async () => {
        try {
          // Only what another attempt may cure says Bybit is unwell; any other answer shows it is there.
          return await options.breaker.run(attempt, (error) => error instanceof TransientUpstreamError);
        } catch (error) {
          // Not transient, so not retried: the breaker's cool-down is the wait.
          if (error instanceof CircuitOpenError) throw new UpstreamUnavailableError(`Bybit ${what}: ${error.message}`);
          throw error;
        }
      },
      {
        retries,
        backoff: options.retryBackoff,
        isRetryable: (error) => error instanceof TransientUpstreamError,
        deadlineMs: options.deadlineMs,
        onDeadline: () => new TransientUpstreamError(`Bybit ${what}: no answer within ${options.deadlineMs} ms`),
        onRetry: (error, delayMs, attempt) =>
          options.logger?.warn({ reqId: currentRequestId(), what, attempt, delayMs, err: (error as Error).message }, 'bybit REST retry'),
      },
    );
  }

  return {
    /** A health probe: one attempt, since the caller schedules its own retries. */
    async serverTime(): Promise<number> {
      const { time } = await call('time', ServerTimeResultSchema, () => client.getServerTime(), undefined, 0);
      return time;
    },

    async instruments(): Promise<{ list: SpotInstrument[]; time: number }> {
      const { result, time } = await call('instruments-info', SpotInstrumentsResultSchema, () =>
        client.getInstrumentsInfo({ category: 'spot' }),
      );
      return { list: result.list, time };
    },

    async tickers(symbol?: string): Promise<{ list: SpotTicker[]; time: number }> {
      const { result, time } = await call(
        'tickers',
        SpotTickersResultSchema,
        () => client.getTickers({ category: 'spot', ...(symbol ? { symbol } : {}) }),
        symbol,
      );
      return { list: result.list, time };
    },

    /** The book's best `limit` levels a side (spot: 1..200). */
    async orderbook(symbol: string, limit: number): Promise<SpotOrderbookResult> {
      const { result } = await call('orderbook', SpotOrderbookResultSchema, () => client.getOrderbook({ category: 'spot', symbol, limit }), symbol);
      return result;
    },

    /** Newest-first rows with start in [start, end]. */
    async klinePage(symbol: string, interval: WireKlineInterval, start: number, end: number, limit: number): Promise<KlineRow[]> {
      const { result } = await call(
        'kline',
        KlineResultSchema,
        () => client.getKline({ category: 'spot', symbol, interval, start, end, limit }),
        symbol,
      );
      return result.list;
    },
  };
}

export type BybitRest = ReturnType<typeof createBybitRest>;

/** Business errors arrive with HTTP 200 inside the envelope. */
export function readEnvelope<T extends z.ZodType>(
  what: string,
  body: unknown,
  result: T,
  symbol?: string,
): { result: z.infer<T>; time: number } {
  const envelope = RestEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new UpstreamUnavailableError(`Bybit ${what}: malformed response envelope`);
  const { retCode, retMsg, time } = envelope.data;
  if (retCode === RET_CODE_PARAMS_ERROR && symbol && /symbol/i.test(retMsg)) throw new UnknownSymbolError(symbol);
  // A range the exchange will not serve (e.g. a negative start) is the caller's error, not an outage.
  if (retCode === RET_CODE_PARAMS_ERROR && /\b(start|end|limit)\b/i.test(retMsg)) {
    throw new ExchangeRejectedRequestError(`Bybit refused the ${what} request: ${retMsg}`);
  }
  if (TRANSIENT_RET_CODES.has(retCode)) throw new TransientUpstreamError(`Bybit ${what}: ${retCode} ${retMsg}`);
  if (retCode !== 0) throw new UpstreamUnavailableError(`Bybit ${what}: ${retCode} ${retMsg}`);
  const parsed = result.safeParse(envelope.data.result);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UpstreamUnavailableError(`Bybit ${what}: unexpected result (${issue?.path.join('.')}: ${issue?.message})`);
  }
  return { result: parsed.data, time };
}

/**
 * bybit-api rejects with an axios error (no response: refused, reset, timeout), an object
 * `{ code: httpStatus, message, body }` for non-2xx answers, or a bare string when the request
 * could not be built.
 */
export function transportFailure(what: string, error: unknown): UpstreamUnavailableError {
  const status = httpStatusOf(error);
  if (status !== null) {
    const message = `Bybit ${what}: HTTP ${status}`;
    return isTransientHttpStatus(status) ? new TransientUpstreamError(message) : new UpstreamUnavailableError(message);
  }
  return new TransientUpstreamError(`Bybit ${what}: ${transportDetail(error)}`);
}

/** The HTTP status of a non-2xx answer, null when none came. */
export function httpStatusOf(error: unknown): number | null {
  return error && typeof error === 'object' && 'code' in error && typeof error.code === 'number' ? error.code : null;
}

/** Bybit's gateway failing or shedding load (5xx, 408, 429), not refusing the request. */
export function isTransientHttpStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Why a request got no answer, in words, from what bybit-api rejected with. */
export function transportDetail(error: unknown): string {
  // axios's code for its own timeout: say what happened, for the /status banner.
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ECONNABORTED') return 'no answer in time (ECONNABORTED)';
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : 'unknown failure';
}
