import { z } from 'zod';
import { METRICS_PATH } from '../access/route-policy.ts';
import type { ApiRoute } from '../http/api-route.ts';

/** Prometheus' scrape target, mounted at the root where scrapers look for it. */
export const METRICS_API = {
  metrics: {
    method: 'get',
    path: METRICS_PATH,
    summary: "The relay's Prometheus metrics",
    description:
      'HTTP latency and status by route template, Bybit REST latency and errors, browser sockets and dropped messages, ' +
      'upstream reconnects, candle ingestion lag, simulation duration and the audit chain state. Needs the operator, ' +
      'unless the relay runs with METRICS_LOOPBACK_OPEN=yes and the caller is on the same machine.',
    responses: {
      200: {
        description: 'Prometheus text exposition format 0.0.4',
        schema: z.string().meta({ description: 'one `# HELP`/`# TYPE` block and its samples per metric family' }),
        mediaType: 'text/plain; version=0.0.4; charset=utf-8',
      },
    },
  },
} as const satisfies Record<string, ApiRoute>;
