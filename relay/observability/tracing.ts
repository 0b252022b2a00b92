import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ConsoleSpanExporter, SimpleSpanProcessor, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { RecentSpans } from './recent-spans.ts';

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: spans are also sent there over OTLP/HTTP (`<endpoint>/v1/traces`). */
  otlpEndpoint: string | null;
  /** Print every finished span to stdout as well. */
  console: boolean;
}

export interface RelayTracing {
  tracer: Tracer;
  /** The in-memory exporter's spans, oldest first. */
  recentSpans(): readonly ReadableSpan[];
  /** Flushes the OTLP batch, if any. */
  shutdown(): Promise<void>;
}

let contextManagerReady = false;

/**
 * Context propagation is process-wide in OpenTelemetry (one context manager for every relay in
 * the process); tracer providers are not registered globally, so each relay, and each test's
 * relay, has its own spans.
 */
function ensureContextManager(): void {
  if (contextManagerReady) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerReady = true;
}

export function createTracing(options: TracingOptions): RelayTracing {
  ensureContextManager();
  const recent = new RecentSpans();
  const processors: SpanProcessor[] = [recent];
  if (options.console) processors.push(new SimpleSpanProcessor(new ConsoleSpanExporter()));
  if (options.otlpEndpoint) {
    processors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces` })));
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'bybit-spot-relay' }),
    spanProcessors: processors,
  });
  return {
    tracer: provider.getTracer('relay'),
    recentSpans: () => recent.finished(),
    shutdown: () => provider.shutdown(),
  };
}
