import { z } from 'zod';
import {
  DeleteDrawingResponseSchema,
  DrawingSchema,
  ListDrawingsQuerySchema,
  ListDrawingsResponseSchema,
  PutDrawingResponseSchema,
} from '../../shared/drawings/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

const DrawingIdParamsSchema = z.object({ id: z.string().meta({ description: "the drawing's UUID", examples: ['3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'] }) });

/** Chart drawings, mounted under /api/v1; every create, update and delete is audited. */
export const DRAWINGS_API = {
  list: {
    method: 'get',
    path: '/drawings',
    summary: "One symbol's drawings; stored rows that fail the contract are listed under skipped",
    query: ListDrawingsQuerySchema,
    responses: { 200: { description: 'drawings', schema: ListDrawingsResponseSchema } },
    errors: { 400: 'invalid_query: symbol missing or not an upper-case spot symbol' },
  },
  put: {
    method: 'put',
    path: '/drawings/:id',
    summary: 'Create or replace a drawing (last writer wins by updatedAt on the client)',
    params: DrawingIdParamsSchema,
    body: DrawingSchema,
    responses: {
      200: { description: 'replaced', schema: PutDrawingResponseSchema },
      201: { description: 'created', schema: PutDrawingResponseSchema },
    },
    errors: { 400: 'invalid_drawing, or id_mismatch: the body id is not the path id' },
  },
  remove: {
    method: 'delete',
    path: '/drawings/:id',
    summary: 'Delete a drawing',
    params: DrawingIdParamsSchema,
    responses: { 200: { description: 'deleted', schema: DeleteDrawingResponseSchema } },
    errors: { 404: 'unknown_drawing', 409: 'unreadable_drawing: the stored row fails the contract; PUT a valid one to replace it' },
  },
} as const satisfies Record<string, ApiRoute>;
