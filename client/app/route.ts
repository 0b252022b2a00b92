import { INTERVALS, IntervalSchema, type Interval } from '../../shared/market/index.ts';

/** The view lives in the URL hash so a reload (or an installed-PWA relaunch) restores it. */
export type Route =
  | { view: 'dashboard' }
  | { view: 'simulate' }
  | { view: 'audit' }
  | { view: 'strategies' }
  | { view: 'strategy'; strategyId: string }
  | { view: 'chart'; symbol: string; interval: Interval };

export const DEFAULT_CHART_ROUTE = { view: 'chart', symbol: 'BTCUSDT', interval: '1m' } as const satisfies Route;

const SYMBOL_PATTERN = /^[A-Z0-9]{2,30}$/;
/** Strategy ids as the registry spells them (ema-rsi); the page itself says when one is unknown. */
const STRATEGY_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** Unknown or malformed hashes fall back to the dashboard rather than a blank page. */
export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  if (parts[0] === 'simulate') return { view: 'simulate' };
  if (parts[0] === 'audit') return { view: 'audit' };
  if (parts[0] === 'strategies') {
    const strategyId = parts[1];
    if (strategyId === undefined) return { view: 'strategies' };
    return STRATEGY_ID_PATTERN.test(strategyId) ? { view: 'strategy', strategyId } : { view: 'strategies' };
  }
  if (parts[0] !== 'chart') return { view: 'dashboard' };
  const symbol = (parts[1] ?? DEFAULT_CHART_ROUTE.symbol).toUpperCase();
  const interval = IntervalSchema.safeParse(parts[2] ?? '1m');
  if (!SYMBOL_PATTERN.test(symbol)) return { view: 'dashboard' };
  return { view: 'chart', symbol, interval: interval.success ? interval.data : '1m' };
}

/**
 * What `parseRoute` had to change in a chart URL, in words for the trader, or null when the URL
 * was taken as written (a silently replaced interval looks like the app ignoring the link).
 */
export function routeCorrection(hash: string): string | null {
  const parts = hash.replace(/^#\/?/, '').split('/').filter((p) => p.length > 0);
  const route = parseRoute(hash);
  if (route.view !== 'chart' || parts[2] === undefined || parts[2] === route.interval) return null;
  return `${parts[2]} is not a chart interval (choose ${INTERVALS.join(', ')}) — showing ${route.interval}.`;
}

export function formatRoute(route: Route): string {
  if (route.view === 'simulate') return '#/simulate';
  if (route.view === 'audit') return '#/audit';
  if (route.view === 'strategies') return '#/strategies';
  if (route.view === 'strategy') return `#/strategies/${route.strategyId}`;
  return route.view === 'chart' ? `#/chart/${route.symbol}/${route.interval}` : '#/';
}
