import { ChartLayoutSchema, LayoutKeySchema, LayoutResponseSchema } from '../../shared/layouts/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

/** Chart layouts per symbol and interval, mounted under /api/v1. */
export const LAYOUTS_API = {
  get: {
    method: 'get',
    path: '/layouts/:symbol/:interval',
    summary: "A chart's saved layout, null when none was saved",
    params: LayoutKeySchema,
    responses: { 200: { description: 'the layout or null', schema: LayoutResponseSchema } },
    errors: { 400: 'invalid_layout_key' },
  },
  put: {
    method: 'put',
    path: '/layouts/:symbol/:interval',
    summary: "Save a chart's layout; the body's symbol and interval must match the path",
    params: LayoutKeySchema,
    body: ChartLayoutSchema,
    responses: { 200: { description: 'the saved layout', schema: LayoutResponseSchema } },
    errors: { 400: 'invalid_layout_key, invalid_layout or key_mismatch' },
  },
} as const satisfies Record<string, ApiRoute>;
