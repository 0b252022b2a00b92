import { Router, type Request, type Response } from 'express';
import { WATCHLIST_MAX, WatchlistKeySchema, type WatchlistResponse } from '../../shared/watchlist/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues } from '../http/json-request.ts';
import { WATCHLIST_API } from './watchlist-api.ts';
import type { WatchlistStore } from './watchlist-store.ts';

export interface WatchlistRouterDeps {
  store: WatchlistStore;
  /** Every add and remove that changes the list is recorded as `watchlist.change`. */
  audit: AuditRecorder;
  now?: () => Date;
}

/**
 * HTTP surface of the favourites, mounted by the relay under /api/v1:
 *   GET    /watchlist          -> { symbols }
 *   PUT    /watchlist/:symbol  -> { symbols } (idempotent: starring a starred symbol changes nothing)
 *   DELETE /watchlist/:symbol  -> { symbols }, 404 when the symbol is not on the list
 * One symbol per write, so two tabs starring different symbols never overwrite each other.
 */
export function createWatchlistRouter({ store, audit, now = () => new Date() }: WatchlistRouterDeps): Router {
  const router = Router();
  const answer = (res: Response) => res.json({ symbols: store.list() } satisfies WatchlistResponse);
  const symbolOf = (req: Request, res: Response): string | undefined => {
    const key = WatchlistKeySchema.safeParse(req.params);
    if (key.success) return key.data.symbol;
    sendApiError(res, 400, 'invalid_symbol', describeIssues(key.error));
    return undefined;
  };

  mountRoute(router, WATCHLIST_API.list, (_req, res) => answer(res));

  mountRoute(router, WATCHLIST_API.add, (req, res) => {
    const symbol = symbolOf(req, res);
    if (symbol === undefined) return;
    if (!store.list().includes(symbol) && store.count() >= WATCHLIST_MAX) {
      sendApiError(res, 409, 'watchlist_full', `the watchlist holds at most ${WATCHLIST_MAX} symbols; remove one first`);
      return;
    }
    if (store.add(symbol, now().toISOString())) audit.append('watchlist.change', { change: 'add', symbol });
    answer(res);
  });

  mountRoute(router, WATCHLIST_API.remove, (req, res) => {
    const symbol = symbolOf(req, res);
    if (symbol === undefined) return;
    if (!store.remove(symbol)) {
      sendApiError(res, 404, 'not_on_watchlist', `${symbol} is not on the watchlist`);
      return;
    }
    audit.append('watchlist.change', { change: 'remove', symbol });
    answer(res);
  });

  return router;
}
