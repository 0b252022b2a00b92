import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { sendApiError } from '../http/http-error.ts';
import type { RecordAccessEvent } from './access-event.ts';
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

/** The host/origin rule for an upgrade, reported like an HTTP refusal; null lets it through. */
export function checkUpgradeOrigin(allowlist: HostAllowlist, record: RecordAccessEvent, req: IncomingMessage): OriginRefusal | null {
  const refusal = refuseByOrigin(allowlist, requestOrigin(req), true);
  if (refusal) recordRefusal(record, refusal, req.method ?? 'GET', (req.url ?? '/').split('?')[0]!);
  return refusal;
}

/** First in the app: nothing (not even the SPA) answers a foreign Host or a foreign-origin write. */
export function originGuard(allowlist: HostAllowlist, record: RecordAccessEvent): RequestHandler {
  return (req, res, next) => {
    const refusal = refuseByOrigin(allowlist, requestOrigin(req), false);
    if (!refusal) return next();
    recordRefusal(record, refusal, req.method, req.path);
    sendApiError(res, refusal.status, refusal.code, refusal.message);
  };
}

function recordRefusal(record: RecordAccessEvent, refusal: OriginRefusal, method: string, route: string): void {
  record({ kind: 'refusal', at: new Date().toISOString(), reason: refusal.code, status: refusal.status, method, route, role: null });
}
