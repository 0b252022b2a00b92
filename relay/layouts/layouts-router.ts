import { Router, type Request, type Response } from 'express';
import { ChartLayoutSchema, LayoutKeySchema } from '../../shared/layouts/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { LAYOUTS_API } from './layouts-api.ts';
import type { LayoutsStore } from './layouts-store.ts';

export interface LayoutsRouterDeps {
  store: LayoutsStore;
}

/**
 * HTTP surface for chart layouts, mounted by the relay under /api/v1:
 *   GET /layouts/:symbol/:interval -> { layout }, null when none is saved (with `unreadable` when the stored row is corrupt)
 *   PUT /layouts/:symbol/:interval -> { layout } (a full ChartLayout whose symbol and interval match the path)
 * Errors use the relay's ApiError body. Parses JSON itself, so it works without an `express.json()` in front.
 */
export function createLayoutsRouter({ store }: LayoutsRouterDeps): Router {
  const router = Router();

  mountRoute(router, LAYOUTS_API.get, (req: Request, res: Response) => {
    const key = LayoutKeySchema.safeParse(req.params);
    if (!key.success) {
      sendApiError(res, 400, 'invalid_layout_key', describeIssues(key.error));
      return;
    }
    const answer = store.get(key.data);
    if (answer.unreadable !== undefined) req.log?.warn({ ...key.data, reason: answer.unreadable }, 'stored chart layout fails the contract; answered as none');
    res.json(answer);
  });

  mountRoute(router, LAYOUTS_API.put, jsonBody('64kb'), (req: Request, res: Response) => {
    const key = LayoutKeySchema.safeParse(req.params);
    if (!key.success) {
      sendApiError(res, 400, 'invalid_layout_key', describeIssues(key.error));
      return;
    }
    const parsed = ChartLayoutSchema.safeParse(req.body);
    if (!parsed.success) {
      sendApiError(res, 400, 'invalid_layout', `invalid layout: ${describeIssues(parsed.error)}`);
      return;
    }
    if (parsed.data.symbol !== key.data.symbol || parsed.data.interval !== key.data.interval) {
      sendApiError(res, 400, 'key_mismatch', `body is for ${parsed.data.symbol} ${parsed.data.interval}, path is ${key.data.symbol} ${key.data.interval}`);
      return;
    }
    store.put(parsed.data);
    res.json({ layout: parsed.data });
  });

  return router;
}
