import { z } from 'zod';
import type { ApiRoute } from '../http/api-route.ts';

/** The document's own route, mounted under /api/v1 and open like the market reads (see the README). */
export const OPENAPI_API = {
  document: {
    method: 'get',
    path: '/openapi.json',
    summary: 'This OpenAPI 3.1 document, generated from the zod schemas of every mounted route',
    responses: { 200: { description: 'the OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
  },
} as const satisfies Record<string, ApiRoute>;
