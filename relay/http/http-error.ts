import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { ApiError } from '../../shared/market/index.ts';
import { ExchangeRejectedRequestError, UnknownSymbolError, UpstreamUnavailableError } from '../market/gateway.ts';

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

/** Every error body names the request id, so a message the trader copies can be found in the relay log. */
export function sendApiError(res: Response, status: number, code: string, message: string): void {
  const requestId = res.req.id;
  const body: ApiError = { error: { code, message, ...(requestId ? { requestId } : {}) } };
  res.status(status).json(body);
}

/** Codes for the `type` body-parser (via http-errors) puts on the errors it raises. */
const BODY_ERROR_CODES: Readonly<Record<string, string>> = {
  'entity.too.large': 'body_too_large',
  'entity.parse.failed': 'invalid_json',
  'entity.verify.failed': 'invalid_body',
  'request.aborted': 'request_aborted',
  'request.size.invalid': 'invalid_body',
  'stream.encoding.set': 'invalid_body',
  'charset.unsupported': 'unsupported_charset',
  'encoding.unsupported': 'unsupported_encoding',
  'parameters.too.many': 'invalid_body',
};

/** The shape http-errors (used by body-parser and Express' router) gives a client error. */
interface StatusCarryingError {
  status?: unknown;
  statusCode?: unknown;
  expose?: unknown;
  type?: unknown;
  message?: unknown;
}

/** A 4xx status an error already carries (http-errors `status`/`statusCode`), else undefined. */
function clientStatusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { status, statusCode } = err as StatusCarryingError;
  const value = typeof status === 'number' ? status : statusCode;
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value < 500 ? value : undefined;
}

function clientErrorBody(err: StatusCarryingError, status: number): { code: string; message: string } {
  const type = typeof err.type === 'string' ? err.type : undefined;
  // Express' router marks a path parameter it could not percent-decode with a URIError of status 400.
  const code = type ? (BODY_ERROR_CODES[type] ?? 'bad_request') : err instanceof URIError ? 'invalid_path' : 'bad_request';
  const detail = err.expose !== false && typeof err.message === 'string' ? err.message : '';
  const messages: Readonly<Record<string, string>> = {
    body_too_large: 'request body is too large',
    invalid_json: `request body is not valid JSON: ${detail}`,
    unsupported_charset: `${detail}; send JSON as UTF-8`,
    unsupported_encoding: `${detail}; send the body uncompressed, gzip, deflate or br`,
    invalid_path: `a path parameter is not valid percent-encoding: ${detail}`,
  };
  return { code, message: (messages[code] ?? (detail || `request rejected with status ${status}`)).trim() };
}

/** Maps domain, router and body-parser errors to ApiError bodies; anything else is a logged 500. */
export function apiErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpError) return sendApiError(res, err.status, err.code, err.message);
    if (err instanceof UnknownSymbolError) return sendApiError(res, 404, 'unknown_symbol', err.message);
    if (err instanceof ExchangeRejectedRequestError) return sendApiError(res, 400, 'rejected_by_exchange', err.message);
    if (err instanceof UpstreamUnavailableError) {
      return sendApiError(res, 503, 'upstream_unavailable', `Bybit is unreachable: ${err.message}`);
    }
    const status = clientStatusOf(err);
    if (status !== undefined) {
      const { code, message } = clientErrorBody(err as StatusCarryingError, status);
      return sendApiError(res, status, code, message);
    }
    (req.log ?? logger).error({ err }, 'unhandled error in request');
    sendApiError(res, 500, 'internal', 'internal error; see the relay log');
  };
}
