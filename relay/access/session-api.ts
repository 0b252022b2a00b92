import { z } from 'zod';
import { LoginRequestSchema, SessionResponseSchema } from '../../shared/access/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

const INVALID_TOKEN = 'invalid_token: the token is not valid (it may have been rotated)';

/** The printed login link, mounted at the root so it reads as a page address. */
export const LOGIN_LINK_API = {
  login: {
    method: 'get',
    path: '/login',
    summary: 'The login link the relay prints: sets the session cookie and redirects to /',
    query: z.object({ token: z.string().meta({ description: 'the operator or a viewer token' }) }),
    responses: { 303: { description: 'signed in; the session cookie is set and the token leaves the address bar' } },
    errors: { 401: INVALID_TOKEN },
  },
} as const satisfies Record<string, ApiRoute>;

/** The session API, mounted under /api/v1. */
export const SESSION_API = {
  login: {
    method: 'post',
    path: '/login',
    summary: 'Sign this browser in with a pasted token (sets the HttpOnly session cookie)',
    body: LoginRequestSchema,
    responses: { 200: { description: 'signed in', schema: SessionResponseSchema } },
    errors: { 400: 'invalid_login: no token', 401: INVALID_TOKEN },
  },
  logout: {
    method: 'post',
    path: '/logout',
    summary: "End this browser's session",
    responses: { 200: { description: 'signed out', schema: SessionResponseSchema } },
  },
  session: {
    method: 'get',
    path: '/session',
    summary: 'The role this request is signed in as, null when none',
    responses: { 200: { description: 'the role', schema: SessionResponseSchema } },
  },
} as const satisfies Record<string, ApiRoute>;
