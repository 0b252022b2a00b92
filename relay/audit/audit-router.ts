import { Router, type Request, type Response } from 'express';
import { AuditQuerySchema, type AuditPage } from '../../shared/audit/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues } from '../http/json-request.ts';
import { AUDIT_API } from './audit-api.ts';
import type { AuditLog } from './audit-log.ts';

export interface AuditRouterDeps {
  audit: Pick<AuditLog, 'page' | 'state'>;
}

/**
 * Read side of the audit log, mounted under /api/v1:
 *   GET /audit?kind=&from=&to=&cursor=&limit= -> { entries (newest first), nextCursor, chain }
 * `from`/`to` are ISO-8601 times (the log's own `at` format); `cursor` is the `nextCursor` of the
 * previous page. Bad input is a 400 `{ error: { code: 'invalid_query', message } }`.
 */
export function createAuditRouter({ audit }: AuditRouterDeps): Router {
  const router = Router();
  mountRoute(router, AUDIT_API.page, (req: Request, res: Response) => {
    const query = AuditQuerySchema.safeParse(req.query);
    if (!query.success) {
      sendApiError(res, 400, 'invalid_query', describeIssues(query.error));
      return;
    }
    const body: AuditPage = { ...audit.page(query.data), chain: audit.state() };
    res.set('cache-control', 'no-store').json(body);
  });
  return router;
}
