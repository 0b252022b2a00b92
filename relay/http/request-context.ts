import { context, SpanKind, trace, type Context } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_URL_PATH } from '@opentelemetry/semantic-conventions';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { withoutToken } from '../access/login-url.ts';
import { withRequestId } from '../observability/correlation-context.ts';
import type { RelayObservability } from '../observability/observability.ts';
import { acceptRequestId } from '../observability/request-id.ts';
import { routeTemplate } from '../observability/route-template.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Child logger carrying this request's correlation id. */
    log?: Logger;
    id?: string;
    /** The request's server span and id: the parent of every job it starts. */
    traceContext?: Context;
  }
}

/**
 * Correlates everything one request causes: honours a sane `x-request-id` from the caller (the SPA
 * sends one per fetch and quotes it in its error messages), otherwise generates one, echoes it in
 * the response, and runs the rest of the request in a server span whose context carries the id.
 * At the end, the request's latency goes to the route's metric.
 */
export function requestContext(logger: Logger, observability?: Pick<RelayObservability, 'tracer' | 'metrics'>): RequestHandler {
  return (req, res, next) => {
    const id = acceptRequestId(req.get('x-request-id'));
    req.id = id;
    const span = observability?.tracer.startSpan(`${req.method}`, {
      kind: SpanKind.SERVER,
      attributes: { [ATTR_HTTP_REQUEST_METHOD]: req.method, [ATTR_URL_PATH]: withoutToken(req.path), 'relay.request_id': id },
    });
    const traceContext = withRequestId(span ? trace.setSpan(context.active(), span) : context.active(), id);
    req.traceContext = traceContext;
    const traceId = span?.spanContext().traceId;
    // A pino child (with redaction) costs more than serving a cached read, and most requests never
    // log at the configured level, so it is made on first use.
    let log: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (log ??= logger.child(traceId ? { reqId: id, traceId } : { reqId: id })), configurable: true });
    res.setHeader('x-request-id', id);
    const started = performance.now();
    res.on('finish', () => {
      const ms = performance.now() - started;
      const route = routeTemplate(req);
      observability?.metrics.observeHttp(req.method, route, res.statusCode, ms / 1000);
      if (span) {
        span.updateName(`${req.method} ${route}`);
        span.setAttributes({ [ATTR_HTTP_ROUTE]: route, [ATTR_HTTP_RESPONSE_STATUS_CODE]: res.statusCode });
        span.end();
      }
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      req.log?.[level]({ method: req.method, url: withoutToken(req.originalUrl), status: res.statusCode, ms: Math.round(ms) }, 'request');
    });
    context.with(traceContext, next);
  };
}
