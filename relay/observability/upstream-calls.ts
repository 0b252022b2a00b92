import { SpanKind, trace, type Tracer } from '@opentelemetry/api';
import { currentRequestId } from './correlation-context.ts';
import type { RelayMetrics } from './relay-metrics.ts';
import { errorClass, inSpan } from './spans.ts';

/** How the exchange adapter reports each attempt of an external call. */
export interface UpstreamCalls {
  attempt<T>(endpoint: string, call: () => Promise<T>): Promise<T>;
}

/**
 * Each attempt is a client span under whatever job is active, timed and counted by endpoint and
 * outcome, and tagged with the API request it serves (the same id goes to Bybit as `x-request-id`).
 */
export function observeUpstreamCalls(tracer: Tracer, metrics: RelayMetrics | null, peer: string): UpstreamCalls {
  return {
    async attempt(endpoint, call) {
      const requestId = currentRequestId();
      const started = performance.now();
      const seconds = () => (performance.now() - started) / 1000;
      const attributes = { 'peer.service': peer, 'relay.upstream.endpoint': endpoint, ...(requestId ? { 'relay.request_id': requestId } : {}) };
      try {
        const result = await inSpan(tracer, `${peer} ${endpoint}`, { kind: SpanKind.CLIENT, attributes }, call);
        metrics?.observeUpstreamRest(endpoint, seconds(), null);
        return result;
      } catch (error) {
        metrics?.observeUpstreamRest(endpoint, seconds(), errorClass(error));
        throw error;
      }
    },
  };
}

/** Spans to the global tracer (a no-op unless a provider is registered), no metrics: for gateways built outside a relay. */
export const UNOBSERVED_UPSTREAM: UpstreamCalls = observeUpstreamCalls(trace.getTracer('relay'), null, 'bybit');
