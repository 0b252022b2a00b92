import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { inSpan } from './spans.ts';
import { createTracing } from './tracing.ts';

describe('createTracing', () => {
  it('keeps spans in memory, parented through async work', async () => {
    const tracing = createTracing({ otlpEndpoint: null, console: false });
    await inSpan(tracing.tracer, 'job', {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await inSpan(tracing.tracer, 'call', {}, async () => {});
    });
    const [call, job] = tracing.recentSpans();
    expect([call?.name, job?.name]).toEqual(['call', 'job']);
    expect(call?.parentSpanContext?.spanId).toBe(job?.spanContext().spanId);
    await tracing.shutdown();
  });

  it('sends spans over OTLP/HTTP to <endpoint>/v1/traces when an endpoint is configured', async () => {
    const received: Array<{ path: string | undefined; body: string }> = [];
    const collector = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    try {
      const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
      const tracing = createTracing({ otlpEndpoint: endpoint, console: false });
      await inSpan(tracing.tracer, 'exported-job', {}, async () => {});
      // Shutting down flushes the batch.
      await tracing.shutdown();
      expect(received.map((r) => r.path)).toEqual(['/v1/traces']);
      expect(received[0]!.body).toContain('exported-job');
      expect(received[0]!.body).toContain('bybit-spot-relay');
    } finally {
      await new Promise((resolve) => collector.close(resolve));
    }
  });
});
