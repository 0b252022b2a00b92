import { Router } from 'express';
import type { Logger } from 'pino';
import { apiErrorHandler, sendApiError } from './http-error.ts';

/**
 * The one middleware chain in front of and behind the API routers, used by the relay app and by
 * router tests alike: no body parser in front (each route parses its own body under its own
 * limit), a JSON 404 for unknown routes, and the ApiError handler.
 */
export function createApiStack(routers: Router[], logger: Logger): Router {
  const api = Router();
  api.use(...routers);
  api.use((req, res) => sendApiError(res, 404, 'not_found', `no API route ${req.method} ${req.originalUrl}`));
  api.use(apiErrorHandler(logger));
  return api;
}
