import { LOGIN_LINK_API, SESSION_API } from '../access/session-api.ts';
import { AI_API } from '../ai/ai-api.ts';
import { AUDIT_API } from '../audit/audit-api.ts';
import { DRAWINGS_API } from '../drawings/drawings-api.ts';
import { ORDERS_API } from '../execution/orders-api.ts';
import { RECONCILIATION_API } from '../execution/reconciliation-api.ts';
import { LIVE_ARM_API } from '../trading/live-arm-api.ts';
import type { ApiRoute } from '../http/api-route.ts';
import { MARKET_API } from '../http/market-api.ts';
import { INDICATORS_API } from '../indicators/indicators-api.ts';
import { LAYOUTS_API } from '../layouts/layouts-api.ts';
import { METRICS_API } from '../observability/metrics-api.ts';
import { RUNNER_API } from '../runner/runner-api.ts';
import { SIMULATIONS_API } from '../simulations/simulations-api.ts';
import { STRATEGIES_API } from '../strategies/strategies-api.ts';
import { WATCHLIST_API } from '../watchlist/watchlist-api.ts';
import { OPENAPI_API } from './openapi-api.ts';

/** Where the JSON API is mounted. */
export const API_BASE = '/api/v1';

export interface MountedRoute {
  /** The mount point the route's router sits under: API_BASE, or '' for the root. */
  prefix: string;
  route: ApiRoute;
}

const under = (prefix: string, routes: Record<string, ApiRoute>): MountedRoute[] => Object.values(routes).map((route) => ({ prefix, route }));

/**
 * Every HTTP route the relay mounts, as the OpenAPI document lists it. The routers mount these
 * same declarations; relay/openapi/openapi-document.test.ts fails when a mounted route is missing.
 */
export const MOUNTED_ROUTES: readonly MountedRoute[] = [
  ...under('', LOGIN_LINK_API),
  ...under('', METRICS_API),
  ...under(API_BASE, SESSION_API),
  ...under(API_BASE, MARKET_API),
  ...under(API_BASE, INDICATORS_API),
  ...under(API_BASE, DRAWINGS_API),
  ...under(API_BASE, LAYOUTS_API),
  ...under(API_BASE, WATCHLIST_API),
  ...under(API_BASE, SIMULATIONS_API),
  ...under(API_BASE, AI_API),
  ...under(API_BASE, STRATEGIES_API),
  ...under(API_BASE, AUDIT_API),
  ...under(API_BASE, ORDERS_API),
  ...under(API_BASE, RUNNER_API),
  ...under(API_BASE, RECONCILIATION_API),
  ...under(API_BASE, LIVE_ARM_API),
  ...under(API_BASE, OPENAPI_API),
];
