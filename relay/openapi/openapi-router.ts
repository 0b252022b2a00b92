import { Router } from 'express';
import { mountRoute } from '../http/api-route.ts';
import { OPENAPI_API } from './openapi-api.ts';
import { openApiDocument } from './openapi-document.ts';
import { MOUNTED_ROUTES } from './route-catalogue.ts';

/** `GET /openapi.json` (mounted under /api/v1): the document is built once, the routes being fixed at start. */
export function createOpenApiRouter(): Router {
  const body = JSON.stringify(openApiDocument(MOUNTED_ROUTES));
  const router = Router();
  mountRoute(router, OPENAPI_API.document, (_req, res) => {
    res.type('application/json').send(body);
  });
  return router;
}
