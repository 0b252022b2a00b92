import { SpanStatusCode, type Attributes, type SpanKind, type Tracer } from '@opentelemetry/api';

/** The class of a failure, a bounded label: `TransientUpstreamError`, `UnknownSymbolError`, … */
export function errorClass(error: unknown): string {
  return error instanceof Error ? error.constructor.name : 'NonError';
}

/**
 * Runs `work` as the active span `name` (so spans it starts are its children), ending the span
 * with an error status when `work` rejects.
 */
export function inSpan<T>(tracer: Tracer, name: string, options: { kind?: SpanKind; attributes?: Attributes }, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorClass(error) });
      throw error;
    } finally {
      span.end();
    }
  });
}
