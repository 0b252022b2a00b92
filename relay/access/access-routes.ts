import { Router, type RequestHandler, type Response } from 'express';
import { LoginRequestSchema, type Role, type SessionResponse } from '../../shared/access/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import type { RecordAccessEvent } from './access-event.ts';
import type { CredentialStore } from './credential-store.ts';
import { presentedCredentials, presentedRole, refuseByRole, SESSION_COOKIE } from './credentials.ts';
import { requiredRole } from './route-policy.ts';
import { LOGIN_LINK_API, SESSION_API } from './session-api.ts';

export interface AccessDeps {
  store: CredentialStore;
  recordAccessEvent: RecordAccessEvent;
}

const now = () => new Date().toISOString();

/** Refusals and sessions shared by the login link and the session API. */
function sessionActions({ store, recordAccessEvent }: AccessDeps) {
  // Strict: the cookie never rides on a request another site starts; HttpOnly: no script reads it.
  const startSession = (res: Response, role: Role) => {
    res.cookie(SESSION_COOKIE, store.createSession(role), { httpOnly: true, sameSite: 'strict', path: '/' });
    recordAccessEvent({ kind: 'login', at: now(), role });
  };
  const refuseLogin = (res: Response, method: string, route: string) => {
    recordAccessEvent({ kind: 'refusal', at: now(), reason: 'invalid_token', status: 401, method, route, role: null });
    sendApiError(res, 401, 'invalid_token', 'this token is not valid (it may have been rotated); use the login link the relay printed last');
  };

  return { startSession, refuseLogin };
}

/** GET /login?token=…, the printed link: sets the session cookie and redirects to /, so the token leaves the address bar. */
export function createLoginLinkRouter(deps: AccessDeps): Router {
  const { startSession, refuseLogin } = sessionActions(deps);
  const router = Router();
  mountRoute(router, LOGIN_LINK_API.login, (req, res) => {
    const query = LOGIN_LINK_API.login.query.safeParse(req.query);
    const token = query.success ? query.data.token : '';
    const role = token ? deps.store.roleOfToken(token) : null;
    if (!role) return refuseLogin(res, 'GET', '/login');
    startSession(res, role);
    res.redirect(303, '/');
  });
  return router;
}

/**
 * Session API, mounted under /api/v1:
 *   POST /login    { token } -> { role } and the cookie, for the SPA's paste-token form
 *   POST /logout   ends this browser's session
 *   GET  /session  { role } or { role: null }
 */
export function createSessionRouter(deps: AccessDeps): Router {
  const { store, recordAccessEvent } = deps;
  const { startSession, refuseLogin } = sessionActions(deps);
  const router = Router();

  mountRoute(router, SESSION_API.login, jsonBody('4kb'), (req, res) => {
    const parsed = LoginRequestSchema.safeParse(req.body);
    if (!parsed.success) return sendApiError(res, 400, 'invalid_login', `invalid login: ${describeIssues(parsed.error)}`);
    const role = store.roleOfToken(parsed.data.token);
    if (!role) return refuseLogin(res, 'POST', '/api/v1/login');
    startSession(res, role);
    const body: SessionResponse = { role };
    res.json(body);
  });

  mountRoute(router, SESSION_API.logout, (req, res) => {
    const presented = presentedCredentials(store, req);
    if (presented.kind === 'session') {
      store.endSession(presented.id);
      if (presented.role) recordAccessEvent({ kind: 'logout', at: now(), role: presented.role });
    }
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/' });
    const body: SessionResponse = { role: null };
    res.json(body);
  });

  mountRoute(router, SESSION_API.session, (req, res) => {
    const body: SessionResponse = { role: presentedRole(presentedCredentials(store, req)) };
    res.json(body);
  });

  return router;
}

/** After the sign-in routes: each request's credentials against the role its route needs. */
export function roleGuard({ store, recordAccessEvent }: AccessDeps): RequestHandler {
  return (req, res, next) => {
    const needed = requiredRole(req.method, req.path);
    if (needed === 'none') return next();
    const presented = presentedCredentials(store, req);
    const refusal = refuseByRole(presented, needed);
    if (!refusal) return next();
    const role = presentedRole(presented);
    recordAccessEvent({ kind: 'refusal', at: now(), reason: refusal.code, status: refusal.status, method: req.method, route: req.path, role });
    sendApiError(res, refusal.status, refusal.code, refusal.message);
  };
}
