import { Router, type Request, type Response } from 'express';
import { DrawingSchema, ListDrawingsQuerySchema, type Drawing, type ListDrawingsResponse } from '../../shared/drawings/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { DRAWINGS_API } from './drawings-api.ts';
import type { DrawingsStore } from './drawings-store.ts';

export interface DrawingsRouterDeps {
  store: DrawingsStore;
  /** Every create, update and delete is recorded as `drawing.change`. */
  audit: AuditRecorder;
}

/**
 * HTTP surface for chart drawings, mounted by the relay under /api/v1:
 *   GET    /drawings?symbol=BTCUSDT  -> { drawings, skipped } (skipped: stored rows that fail the contract)
 *   PUT    /drawings/:id             -> { drawing, created } (201 when new, 200 when replaced)
 *   DELETE /drawings/:id             -> { deleted: true, id }, 404 unknown, 409 for a stored row that fails the contract
 * Errors use the relay's ApiError body `{ error: { code, message } }`. Parses JSON itself, under
 * its own body limit.
 */
export function createDrawingsRouter({ store, audit }: DrawingsRouterDeps): Router {
  const router = Router();
  const recordChange = (change: 'create' | 'update' | 'delete', drawing: Drawing) =>
    audit.append('drawing.change', { change, drawingId: drawing.id, symbol: drawing.symbol, shapeType: drawing.shapeType });

  mountRoute(router, DRAWINGS_API.list, (req: Request, res: Response) => {
    const query = ListDrawingsQuerySchema.safeParse(req.query);
    if (!query.success) {
      sendApiError(res, 400, 'invalid_query', describeIssues(query.error));
      return;
    }
    const body: ListDrawingsResponse = store.scan(query.data.symbol);
    if (body.skipped.length > 0) req.log?.warn({ symbol: query.data.symbol, skipped: body.skipped }, 'stored drawings fail the contract; left out');
    res.json(body);
  });

  mountRoute(router, DRAWINGS_API.put, jsonBody('64kb'), (req: Request, res: Response) => {
    const id = String(req.params.id);
    const parsed = DrawingSchema.safeParse(req.body);
    if (!parsed.success) {
      sendApiError(res, 400, 'invalid_drawing', `invalid drawing: ${describeIssues(parsed.error)}`);
      return;
    }
    if (parsed.data.id !== id) {
      sendApiError(res, 400, 'id_mismatch', `body id ${parsed.data.id} does not match path id ${id}`);
      return;
    }
    const { created } = store.upsert(parsed.data);
    recordChange(created ? 'create' : 'update', parsed.data);
    res.status(created ? 201 : 200).json({ drawing: parsed.data, created });
  });

  mountRoute(router, DRAWINGS_API.remove, (req: Request, res: Response) => {
    const id = String(req.params.id);
    const removed = store.remove(id);
    if (removed.outcome === 'unknown') {
      sendApiError(res, 404, 'unknown_drawing', `no drawing with id ${id}`);
      return;
    }
    if (removed.outcome === 'unreadable') {
      sendApiError(res, 409, 'unreadable_drawing', `stored drawing ${id} fails validation; PUT a valid drawing with this id to replace it`);
      return;
    }
    recordChange('delete', removed.drawing);
    res.json({ deleted: true, id });
  });

  return router;
}
