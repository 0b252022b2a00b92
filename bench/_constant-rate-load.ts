/**
 * Open-loop HTTP load at a fixed request rate over keep-alive loopback connections, keeping every
 * request's latency so percentiles are exact (autocannon reports p90/p97.5 but no p95, and its rate
 * limiter sends each second's quota back to back, which is a burst, not a steady rate).
 * Requests are due every 1000/rate ms; a late timer sends what is due at once, and a request that
 * finds every connection busy waits for one, so its latency counts from when it was due as well.
 */
import { Agent, request } from 'node:http';

export interface LoadOptions {
  url: string;
  rate: number;
  durationMs: number;
  /** Requests in the first `warmupMs` are sent but not measured (JIT, first cache fill). */
  warmupMs?: number;
  /** Keep-alive connections; a request beyond this many in flight waits for a free one. */
  connections?: number;
  headers?: Record<string, string>;
  /** A POST body per request (its index, warm-up included), e.g. an order with its own idempotency key; GET without. */
  body?: (index: number) => string;
}

export interface LoadResult {
  /** Sorted ascending, ms, from writing the request to the last body byte. */
  latencies: Float64Array;
  /** Sorted ascending, ms, from when the request was due (includes waiting for a connection). */
  fromDue: Float64Array;
  /** Measured requests (after warm-up). */
  requests: number;
  /** Every request sent, warm-up included. */
  sent: number;
  non2xx: number;
  errors: number;
  bytes: number;
  /** Achieved rate over the measured window, requests/s. */
  achievedRate: number;
}

export async function constantRateLoad({ url, rate, durationMs, warmupMs = 1000, connections = 4, headers = {}, body }: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const periodMs = 1000 / rate;
  const total = Math.round(((warmupMs + durationMs) / 1000) * rate);
  const warmupCount = Math.round((warmupMs / 1000) * rate);
  const latencies: number[] = [];
  const fromDue: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  let completed = 0;

  const fire = (index: number, dueAt: number) =>
    new Promise<void>((resolve) => {
      const measured = index >= warmupCount;
      const req = request(url, { agent, headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
        res.on('data', (chunk: Buffer) => {
          if (measured) bytes += chunk.length;
        });
        res.on('end', () => {
          const end = performance.now();
          if (measured) {
            latencies.push(end - sentAt);
            fromDue.push(end - dueAt);
            if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300) non2xx++;
          }
          completed++;
          resolve();
        });
      });
      let sentAt = dueAt;
      // 'socket' fires once a pooled connection is assigned: the request is written from then on.
      req.on('socket', () => {
        sentAt = performance.now();
      });
      req.on('error', () => {
        if (measured) errors++;
        completed++;
        resolve();
      });
      req.end(body?.(index));
    });

  const start = performance.now();
  const pending: Promise<void>[] = [];
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * periodMs <= now) {
        pending.push(fire(next, start + next * periodMs));
        next++;
      }
      if (next >= total) return resolve();
      setTimeout(tick, Math.max(0, start + next * periodMs - performance.now()));
    };
    tick();
  });
  await Promise.all(pending);
  const measuredMs = performance.now() - start - warmupMs;
  agent.destroy();
  const sort = (values: number[]) => Float64Array.from(values).sort();
  return {
    latencies: sort(latencies),
    fromDue: sort(fromDue),
    requests: completed - warmupCount,
    sent: completed,
    non2xx,
    errors,
    bytes,
    achievedRate: latencies.length / (measuredMs / 1000),
  };
}
