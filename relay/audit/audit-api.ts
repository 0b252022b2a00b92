import { AuditPageSchema, AuditQuerySchema } from '../../shared/audit/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

/** The audit log's read side, mounted under /api/v1. */
export const AUDIT_API = {
  page: {
    method: 'get',
    path: '/audit',
    summary: 'A page of the hash-chained audit log, newest first, with the chain state',
    description: '`cursor` is the previous page\'s `nextCursor`; rows edited into something unreadable are listed under `unreadable`.',
    query: AuditQuerySchema,
    responses: { 200: { description: 'audit rows', schema: AuditPageSchema } },
    errors: { 400: 'invalid_query' },
  },
} as const satisfies Record<string, ApiRoute>;
