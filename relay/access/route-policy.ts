import type { Role } from './access-event.ts';

/**
 * Market data anyone on the relay's own host may read, and the API's description (it holds no data,
 * and tools fetch it without a token); everything else names a role.
 */
const PUBLIC_READS = /^\/api\/v1\/(status|symbols|tickers|candles|indicators|openapi\.json)\/?$/;
/** Reads only the operator may make: dead letters hold raw venue events, there to be replayed. */
const OPERATOR_READS = /^\/api\/v1\/dead-letters(\/|$)/;
/** The sign-in surface itself, reachable without a session. */
const SIGN_IN = /^\/(login|api\/v1\/(login|logout|session))\/?$/;

export type Requirement = 'none' | Role;

/** Prometheus' conventional path, outside the API; what it shows (traffic, errors, audit state) is the operator's. */
export const METRICS_PATH = '/metrics';

/**
 * Pure: the least role a request needs. Reads of private data (drawings, simulations, any future
 * orders, balances, audit) need a viewer, every write an operator; paths outside /api are the SPA,
 * except the metrics.
 */
export function requiredRole(method: string, path: string): Requirement {
  if (path === METRICS_PATH || path === `${METRICS_PATH}/`) return 'operator';
  if (!path.startsWith('/api/') || SIGN_IN.test(path)) return 'none';
  const read = method === 'GET' || method === 'HEAD';
  if (read && PUBLIC_READS.test(path)) return 'none';
  if (OPERATOR_READS.test(path)) return 'operator';
  return read ? 'viewer' : 'operator';
}
