import type { IncomingMessage } from 'node:http';
import type { Role } from './access-event.ts';
import type { CredentialStore } from './credential-store.ts';

export const SESSION_COOKIE = 'relay_session';

/** Pure: one cookie's value from a Cookie header, or undefined. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** What a request presents: a bearer token wins over a session cookie. */
export type Presented =
  | { kind: 'none' }
  | { kind: 'bearer'; role: Role | null }
  | { kind: 'session'; id: string; role: Role | null };

export function presentedCredentials(store: CredentialStore, req: IncomingMessage): Presented {
  const auth = req.headers.authorization;
  const bearer = auth && /^bearer\s+(\S+)\s*$/i.exec(auth);
  if (bearer) return { kind: 'bearer', role: store.roleOfToken(bearer[1]!) };
  const id = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (id) return { kind: 'session', id, role: store.roleOfSession(id) };
  return { kind: 'none' };
}

export function presentedRole(presented: Presented): Role | null {
  return presented.kind === 'none' ? null : presented.role;
}

export type RoleRefusal = { status: 401 | 403; code: 'unauthenticated' | 'forbidden'; message: string };

/** Pure: why `presented` may not do what needs `needed`, or null. */
export function refuseByRole(presented: Presented, needed: Role): RoleRefusal | null {
  if (presented.kind === 'none') {
    return { status: 401, code: 'unauthenticated', message: 'sign in first: open the login link the relay printed, or send Authorization: Bearer <token>' };
  }
  if (presented.role === null) {
    const what = presented.kind === 'bearer' ? 'the bearer token is not valid' : 'the session has ended (signed out or the token was rotated)';
    return { status: 401, code: 'unauthenticated', message: `${what}; sign in again with the login link the relay printed` };
  }
  if (needed === 'operator' && presented.role !== 'operator') {
    return { status: 403, code: 'forbidden', message: 'a viewer may only read; this needs the operator token' };
  }
  return null;
}
