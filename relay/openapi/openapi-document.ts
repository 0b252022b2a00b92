import { z } from 'zod';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { SESSION_COOKIE } from '../access/credentials.ts';
import { requiredRole, type Requirement } from '../access/route-policy.ts';
import type { ApiRoute } from '../http/api-route.ts';
import type { MountedRoute } from './route-catalogue.ts';

type JsonSchema = Record<string, unknown>;
type Io = 'input' | 'output';

/** Draft 2020-12, OpenAPI 3.1's own dialect; the per-schema `$schema` is left to the document's default. */
function jsonSchema(schema: z.ZodType, io: Io): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io }) as JsonSchema;
  return rest;
}

/** `/drawings/:id` -> `/drawings/{id}`. */
export function openApiPath(prefix: string, path: string): string {
  return prefix + path.replace(/:(\w+)/g, '{$1}');
}

/** The role route-policy asks of this route, read on a path with every parameter filled in. */
export function routeRequirement({ prefix, route }: MountedRoute): Requirement {
  return requiredRole(route.method.toUpperCase(), prefix + route.path.replace(/:(\w+)/g, 'x'));
}

function parameters(schema: z.ZodObject | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    ...(description === undefined ? {} : { description }),
    schema: property,
  }));
}

/** The refusals every route, every signed-in route and every route with a body or path parameter can answer. */
function commonErrors(route: ApiRoute, requirement: Requirement): Record<number, string> {
  const errors: Record<number, string[]> = {
    421: ['misdirected_host: the Host header is not this relay (DNS rebinding guard)'],
    500: ['internal: see the relay log'],
  };
  const add = (status: number, line: string) => (errors[status] ??= []).push(line);
  if (requirement !== 'none') {
    add(401, 'unauthenticated: no valid bearer token or session cookie');
    add(403, requirement === 'operator' ? 'forbidden: a viewer may only read' : 'forbidden');
  }
  if (route.method !== 'get') add(403, 'foreign_origin: a write from another origin, or a cookie write without Origin');
  if (route.params) add(400, 'invalid_path: a path parameter is not valid percent-encoding');
  if (route.body) {
    add(400, 'invalid_json: the body is not JSON');
    add(413, 'body_too_large');
    add(415, 'unsupported_media_type, unsupported_charset or unsupported_encoding: send UTF-8 application/json');
  }
  for (const [status, line] of Object.entries(route.errors ?? {})) add(Number(status), line);
  return Object.fromEntries(Object.entries(errors).map(([status, lines]) => [status, lines.join('; ')]));
}

const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

function operation(mounted: MountedRoute): JsonSchema {
  const { route } = mounted;
  const requirement = routeRequirement(mounted);
  const responses: Record<string, JsonSchema> = {};
  for (const [status, { description, schema }] of Object.entries(route.responses)) {
    responses[status] = { description, ...(schema ? { content: { 'application/json': { schema: jsonSchema(schema, 'output') } } } : {}) };
  }
  for (const [status, description] of Object.entries(commonErrors(route, requirement))) {
    responses[status] = { description, content: { 'application/json': { schema: ERROR_REF } } };
  }
  return {
    operationId: `${route.method}${openApiPath(mounted.prefix, route.path).replace(/[^A-Za-z0-9]+(\w)?/g, (_, c?: string) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    'x-required-role': requirement,
    // OpenAPI 3.1 lets any scheme list role names; an empty list means no credentials are needed.
    security: requirement === 'none' ? [] : [{ bearerToken: [requirement] }, { sessionCookie: [requirement] }],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } } } : {}),
    responses,
  };
}

/** Pure: the OpenAPI 3.1 document of these routes. */
export function openApiDocument(routes: readonly MountedRoute[]): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const mounted of routes) {
    const path = openApiPath(mounted.prefix, mounted.route.path);
    (paths[path] ??= {})[mounted.route.method] = operation(mounted);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'Bybit spot portal relay',
      // The API's version, the one its paths name (/api/v1).
      version: '1',
      description:
        'The local relay of the Bybit spot portal. Errors are `{"error":{"code","message"}}`. Roles: market reads need none, other reads a viewer, writes the operator (`x-required-role`). WebSocket streams (`/api/v1/stream`, `/api/v1/stream/ticks/{symbol}`) are upgrades, not HTTP routes, and need a viewer.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ApiError: jsonSchema(ApiErrorSchema, 'output') },
      securitySchemes: {
        bearerToken: { type: 'http', scheme: 'bearer', description: 'the operator or a viewer token (npm run token)' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE, description: 'set by the login link or POST /api/v1/login' },
      },
    },
  };
}
