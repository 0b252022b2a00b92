import { WatchlistKeySchema, WatchlistResponseSchema } from '../../shared/watchlist/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

/** The favourites, mounted under /api/v1. */
export const WATCHLIST_API = {
  list: {
    method: 'get',
    path: '/watchlist',
    summary: 'The starred symbols, oldest first',
    responses: { 200: { description: 'the watchlist', schema: WatchlistResponseSchema } },
  },
  add: {
    method: 'put',
    path: '/watchlist/:symbol',
    summary: 'Star a symbol; starring a starred one changes nothing',
    params: WatchlistKeySchema,
    responses: { 200: { description: 'the watchlist after the change', schema: WatchlistResponseSchema } },
    errors: { 400: 'invalid_symbol', 409: 'watchlist_full' },
  },
  remove: {
    method: 'delete',
    path: '/watchlist/:symbol',
    summary: 'Unstar a symbol',
    params: WatchlistKeySchema,
    responses: { 200: { description: 'the watchlist after the change', schema: WatchlistResponseSchema } },
    errors: { 400: 'invalid_symbol', 404: 'not_on_watchlist' },
  },
} as const satisfies Record<string, ApiRoute>;
