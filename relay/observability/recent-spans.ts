import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * The default, in-memory trace sink: the last `limit` finished spans. A relay runs for days, so
 * an unbounded in-memory exporter would be a leak; tests read what an API call produced.
 */
export class RecentSpans implements SpanProcessor {
  private readonly spans: ReadableSpan[] = [];

  constructor(private readonly limit = 2_000) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    this.spans.push(span);
    if (this.spans.length > this.limit) this.spans.splice(0, this.spans.length - this.limit);
  }

  /** Oldest first. */
  finished(): readonly ReadableSpan[] {
    return this.spans;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
