import { Router, type Request } from 'express';
import { METRICS_PATH } from '../access/route-policy.ts';
import { mountRoute } from '../http/api-route.ts';
import { METRICS_API } from './metrics-api.ts';
import type { RelayMetrics } from './relay-metrics.ts';

/** GET /metrics: Prometheus text format. Who may read it is the role guard's business (operator). */
export function createMetricsRouter(metrics: RelayMetrics): Router {
  const router = Router();
  mountRoute(router, METRICS_API.metrics, async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.set('content-type', metrics.registry.contentType).set('cache-control', 'no-store').send(text);
  });
  return router;
}

/** Pure: a TCP peer on this machine (IPv4 127/8, IPv6 ::1, or 127/8 mapped into IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(address);
}

/**
 * With METRICS_LOOPBACK_OPEN=yes a scraper on this machine reads /metrics without a token. Off by
 * default: the relay listens on loopback, so every browser tab on the machine is a loopback peer
 * too (the host and origin checks still apply to it).
 */
export function metricsLoopbackWaiver(open: boolean): (req: Request) => boolean {
  return (req) => open && req.method === 'GET' && req.path === METRICS_PATH && isLoopbackAddress(req.socket.remoteAddress);
}
