import { RestClientV5 } from 'bybit-api';
import type { BackoffPolicy } from '../../shared/net/backoff.ts';
import type { CircuitBreaker } from './circuit-breaker.ts';
import { httpStatusOf, isTransientHttpStatus, transportDetail } from './bybit-rest.ts';
import { correlationTransformRequest } from './bybit-request-headers.ts';
import { withRetries } from './retry.ts';

/** Bybit's "Too many visits" (10006) and "Server Timeout" (10016): not carried out, worth another try later. */
const BUSY_RET_CODES = new Set([10006, 10016]);

/**
 * A signed call that failed for a reason the peer's health explains, not the request:
 * - `network`: no answer (refused, reset, timeout): the request may or may not have been carried out;
 * - `server`: an HTTP 5xx/408/429 answer from Bybit's gateway, which may have passed it on first;
 * - `busy`: retCode 10006/10016 in the envelope, not carried out; `retryAt` from X-Bapi-Limit-Reset-Timestamp.
 */
export class BybitCallFailure extends Error {
  override name = 'BybitCallFailure';
  constructor(
    readonly kind: 'network' | 'server' | 'busy',
    message: string,
    readonly retryAt: number | null = null,
  ) {
    super(message);
  }
}

/** The part of bybit-api's envelope the call reads; `rateLimitApi` with `parseAPIRateLimits: true`. */
interface Envelope {
  retCode: number;
  retMsg: string;
  rateLimitApi?: { resetAtTimestamp: number } | undefined;
}

export interface BybitPrivateCallsOptions {
  breaker: CircuitBreaker;
  /** Extra attempts after the first. */
  retries: number;
  backoff: BackoffPolicy;
  /** The longest wait for a rate limit's reset before giving up, ms. */
  maxRateLimitWaitMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface CallPolicy {
  /**
   * Whether a failure that may have been carried out (`network`, `server`) is retried as it is.
   * Not for order/create: the order may have been accepted with its answer lost, so the venue
   * asks for its orderLinkId before sending it again (BybitLiveVenue.submit).
   */
  retryUncertain: boolean;
}

/**
 * The relay's signed Bybit calls: each attempt goes through the circuit breaker, and network
 * errors, 5xx and 10006 are retried after a bounded exponential backoff with jitter, waiting for
 * the rate limit's reset time when Bybit names one. Any other answer (retCode 0 or a refusal) is
 * returned as it came, for the caller to read.
 */
export function createBybitPrivateCalls(options: BybitPrivateCallsOptions) {
  const now = options.now ?? Date.now;

  async function attempt<R extends Envelope>(what: string, request: () => Promise<R>): Promise<R> {
    let response: R;
    try {
      response = await request();
    } catch (error) {
      const status = httpStatusOf(error);
      if (status === null) throw new BybitCallFailure('network', `Bybit ${what}: ${transportDetail(error)}`);
      if (isTransientHttpStatus(status)) throw new BybitCallFailure('server', `Bybit ${what}: HTTP ${status}`);
      // Another 4xx is Bybit refusing the request itself: it is up.
      throw new Error(`Bybit ${what}: HTTP ${status}`);
    }
    if (BUSY_RET_CODES.has(response.retCode)) {
      throw new BybitCallFailure('busy', `Bybit ${what}: ${response.retCode} ${response.retMsg}`, response.rateLimitApi?.resetAtTimestamp ?? null);
    }
    return response;
  }

  return function call<R extends Envelope>(what: string, request: () => Promise<R>, policy: CallPolicy): Promise<R> {
    return withRetries(() => options.breaker.run(() => attempt(what, request), (error) => error instanceof BybitCallFailure), {
      retries: options.retries,
      backoff: options.backoff,
      isRetryable: (error) => error instanceof BybitCallFailure && (error.kind === 'busy' || policy.retryUncertain),
      delayFor: (error, backoffMs) => {
        if (!(error instanceof BybitCallFailure) || error.retryAt === null) return backoffMs;
        const untilReset = error.retryAt - now();
        // A reset further off than the caller will wait: fail now rather than hold the request.
        if (untilReset > options.maxRateLimitWaitMs) throw error;
        return Math.max(backoffMs, untilReset);
      },
      ...(options.sleep ? { sleep: options.sleep } : {}),
      now,
    });
  };
}

export type BybitPrivateCall = ReturnType<typeof createBybitPrivateCalls>;

/**
 * bybit-api's client for the relay's signed calls: a bounded attempt (its default axios timeout is
 * 5 minutes), the limit headers parsed for the 10006 wait, and the request id sent along.
 */
export function createSignedBybitClient(baseUrl: string, key: string, secret: string, timeoutMs = 5_000): RestClientV5 {
  return new RestClientV5({ baseUrl, key, secret, parseAPIRateLimits: true }, { timeout: timeoutMs, transformRequest: correlationTransformRequest() });
}
