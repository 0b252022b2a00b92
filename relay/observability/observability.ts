import type { Tracer } from '@opentelemetry/api';
import { createRelayMetrics, type RelayMetrics } from './relay-metrics.ts';
import { createTracing, type RelayTracing, type TracingOptions } from './tracing.ts';
import { observeUpstreamCalls, type UpstreamCalls } from './upstream-calls.ts';

/** One relay's metrics registry and tracer, handed to every part that reports into them. */
export interface RelayObservability {
  metrics: RelayMetrics;
  tracing: RelayTracing;
  tracer: Tracer;
  /** For the Bybit REST adapter. */
  upstreamCalls: UpstreamCalls;
}

export function createObservability(tracing: TracingOptions = { otlpEndpoint: null, console: false }): RelayObservability {
  const metrics = createRelayMetrics();
  const traces = createTracing(tracing);
  return { metrics, tracing: traces, tracer: traces.tracer, upstreamCalls: observeUpstreamCalls(traces.tracer, metrics, 'bybit') };
}
