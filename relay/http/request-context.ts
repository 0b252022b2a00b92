import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';
import { withoutToken } from '../access/login-url.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** Child logger carrying this request's correlation id. */
    log?: Logger;
    id?: string;
  }
}

const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/**
 * Correlates log lines of one request: honours a sane `x-request-id` from the caller (so the SPA
 * can quote it in a bug report), otherwise generates one, and echoes it in the response.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    req.id = id;
    // A pino child (with redaction) costs more than serving a cached read, and most requests never
    // log at the configured level, so it is made on first use.
    let log: Logger | undefined;
    Object.defineProperty(req, 'log', { get: () => (log ??= logger.child({ reqId: id })), configurable: true });
    res.setHeader('x-request-id', id);
    const started = performance.now();
    res.on('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      req.log?.[level](
        { method: req.method, url: withoutToken(req.originalUrl), status: res.statusCode, ms: Math.round(performance.now() - started) },
        'request',
      );
    });
    next();
  };
}
