import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ApiError } from '../../shared/market/index.ts';
import { UnknownSymbolError, UpstreamUnavailableError } from '../market/gateway.ts';

/** A failure with a status and a message meant for the caller, e.g. a bad query parameter. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function sendApiError(res: Response, status: number, code: string, message: string): void {
  const body: ApiError = { error: { code, message } };
  res.status(status).json(body);
}

/** Maps domain and body-parser errors to ApiError bodies; anything else is a logged 500. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpError) return sendApiError(res, err.status, err.code, err.message);
    if (err instanceof UnknownSymbolError) return sendApiError(res, 404, 'unknown_symbol', err.message);
    if (err instanceof UpstreamUnavailableError) {
      return sendApiError(res, 503, 'upstream_unavailable', `Bybit is unreachable: ${err.message}`);
    }
    const bodyError = err as { type?: string; status?: number; message?: string };
    if (bodyError.type === 'entity.too.large') return sendApiError(res, 413, 'body_too_large', 'request body is too large');
    if (bodyError.type === 'entity.parse.failed') {
      return sendApiError(res, 400, 'invalid_json', `request body is not valid JSON: ${bodyError.message ?? ''}`.trim());
    }
    (req.log ?? logger).error({ err }, 'unhandled error in request');
    sendApiError(res, 500, 'internal', 'internal error; see the relay log');
  };
}
