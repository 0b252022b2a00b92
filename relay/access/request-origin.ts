import type { HostAllowlist } from './host-allowlist.ts';
import { isAllowedHost, isAllowedOrigin } from './host-allowlist.ts';

/** The parts of a request the host and origin rules look at, from HTTP or a WS upgrade alike. */
export interface RequestOrigin {
  method: string;
  host: string | undefined;
  origin: string | undefined;
  /** `Sec-Fetch-Site`, sent by every current browser. */
  fetchSite: string | undefined;
  hasBearer: boolean;
  hasCookie: boolean;
  /** The local port the request arrived on. */
  port: number;
}

export type OriginRefusal = { status: 421 | 403; code: 'misdirected_host' | 'foreign_origin'; message: string };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Pure: null when the request may proceed, else why not. Upgrades count as state-changing: a
 * WebSocket is exempt from CORS, so the browser lets any page open one to us.
 */
export function refuseByOrigin(allowlist: HostAllowlist, req: RequestOrigin, isUpgrade: boolean): OriginRefusal | null {
  if (!isAllowedHost(allowlist, req.host, req.port)) {
    return {
      status: 421,
      code: 'misdirected_host',
      message: `this relay does not answer to Host ${JSON.stringify(req.host ?? '')}; open it as http://127.0.0.1:${req.port} or add the name to ALLOWED_HOSTS`,
    };
  }
  if (!isUpgrade && SAFE_METHODS.has(req.method)) return null;
  if (req.origin !== undefined && !isAllowedOrigin(allowlist, req.origin, req.port)) {
    return { status: 403, code: 'foreign_origin', message: `requests from origin ${JSON.stringify(req.origin)} are refused; only the relay's own pages may write or stream` };
  }
  if (req.fetchSite === 'cross-site' || req.fetchSite === 'same-site') {
    return { status: 403, code: 'foreign_origin', message: `a ${req.fetchSite} request is refused; only the relay's own pages may write or stream` };
  }
  // Without Origin, a cookie is the only thing that would make a forged form or text/plain post
  // count as the trader's; a bearer token cannot be attached by another site.
  if (!isUpgrade && req.origin === undefined && req.hasCookie && !req.hasBearer) {
    return { status: 403, code: 'foreign_origin', message: 'a write with a session cookie must carry an Origin header; send it from the relay page or use Authorization: Bearer' };
  }
  return null;
}
