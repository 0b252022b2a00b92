import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendApiError } from '../http/http-error.ts';
import type { RecordAccessEvent, Role } from './access-event.ts';
import type { CredentialStore } from './credential-store.ts';
import { presentedCredentials, presentedRole, refuseByRole, type RoleRefusal } from './credentials.ts';
import type { HostAllowlist } from './host-allowlist.ts';
import { refuseByOrigin, type OriginRefusal } from './request-origin.ts';

function requestOrigin(req: IncomingMessage): Parameters<typeof refuseByOrigin>[1] {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    method: req.method ?? 'GET',
    host: header('host'),
    origin: header('origin'),
    fetchSite: header('sec-fetch-site'),
    hasBearer: /^bearer\s/i.test(header('authorization') ?? ''),
    hasCookie: header('cookie') !== undefined,
    port: req.socket.localPort ?? 0,
  };
}

export type UpgradeRefusal = OriginRefusal | RoleRefusal;

/**
 * The host/origin rule for an upgrade, then (given a store) a viewer role: a stream shows what the
 * trader watches. Reported like an HTTP refusal; null lets the upgrade through.
 */
export function checkUpgrade(
  access: { allowlist: HostAllowlist; recordAccessEvent: RecordAccessEvent; store?: CredentialStore },
  req: IncomingMessage,
): UpgradeRefusal | null {
  const route = (req.url ?? '/').split('?')[0]!;
  const refusal = refuseByOrigin(access.allowlist, requestOrigin(req), true);
  if (refusal) {
    recordRefusal(access.recordAccessEvent, refusal, req.method ?? 'GET', route, null);
    return refusal;
  }
  if (!access.store) return null;
  const presented = presentedCredentials(access.store, req);
  const denied = refuseByRole(presented, 'viewer');
  if (denied) recordRefusal(access.recordAccessEvent, denied, req.method ?? 'GET', route, presentedRole(presented));
  return denied;
}

/** First in the app: nothing (not even the SPA) answers a foreign Host or a foreign-origin write. */
export function originGuard(allowlist: HostAllowlist, record: RecordAccessEvent): RequestHandler {
  return (req, res, next) => {
    const refusal = refuseByOrigin(allowlist, requestOrigin(req), false);
    if (!refusal) return next();
    recordRefusal(record, refusal, req.method, req.path, null);
    sendApiError(res, refusal.status, refusal.code, refusal.message);
  };
}

function recordRefusal(record: RecordAccessEvent, refusal: UpgradeRefusal, method: string, route: string, role: Role | null): void {
  record({ kind: 'refusal', at: new Date().toISOString(), reason: refusal.code, status: refusal.status, method, route, role });
}
