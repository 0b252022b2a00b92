import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loopbackAccess } from '../access/test-access.ts';
import { createRelayApp } from '../app.ts';
import { mountedRoutes } from '../http/mounted-routes.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { MarketService } from '../market/market-service.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { openApiPath, routeRequirement } from './openapi-document.ts';
import { MOUNTED_ROUTES } from './route-catalogue.ts';

/** The document as the running app serves it, held against the routes the same app mounts. */
type Json = Record<string, unknown>;
type Operation = { 'x-required-role': string; security: Json[]; parameters: Json[]; requestBody?: Json; responses: Record<string, Json> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; [key: string]: unknown };

let dataDir: string;
let db: SqliteDatabase;
let market: MarketService;
let server: Server;
let router: Router;
let doc: Document;
let served: Response;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-openapi-'));
  db = openDatabase(dataDir);
  const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
  market = new MarketService(gateway);
  const app = createRelayApp({ config: { tradingMode: 'paper', bybitEnv: 'sim' }, gateway, market, db, logger: pino({ level: 'silent' }), access: loopbackAccess() });
  router = app.router as unknown as Router;
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // No credentials: the document is as open as the market reads.
  served = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/openapi.json`);
  doc = (await served.json()) as Document;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  market?.close();
  db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const operations = () => Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));

describe('GET /api/v1/openapi.json', () => {
  it('is served without credentials as JSON', () => {
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes every route the app mounts, and nothing it does not', () => {
    const mounted = mountedRoutes(router).sort();
    // Express lists paths below their mount point, `:name` for a parameter.
    const documented = MOUNTED_ROUTES.map(({ route }) => `${route.method.toUpperCase()} ${route.path}`).sort();
    expect(documented).toEqual(mounted);
    const inDocument = operations().map(({ path, method }) => `${method} ${path}`).sort();
    expect(inDocument).toEqual(MOUNTED_ROUTES.map(({ prefix, route }) => `${route.method} ${openApiPath(prefix, route.path)}`).sort());
  });

  it('names path parameters in the path and declares each one', () => {
    for (const { path, op } of operations()) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const declared = op.parameters.filter((p) => p.in === 'path').map((p) => p.name).sort();
      expect({ path, declared }).toEqual({ path, declared: inPath });
    }
  });

  it('states the role route-policy asks as the security requirement: bearer token or session cookie', () => {
    for (const mounted of MOUNTED_ROUTES) {
      const op = doc.paths[openApiPath(mounted.prefix, mounted.route.path)]![mounted.route.method]!;
      const role = routeRequirement(mounted);
      expect({ route: mounted.route.path, role: op['x-required-role'] }).toEqual({ route: mounted.route.path, role });
      expect(op.security).toEqual(role === 'none' ? [] : [{ bearerToken: [role] }, { sessionCookie: [role] }]);
    }
    const roleOf = (method: string, path: string) => doc.paths[path]![method]!['x-required-role'];
    expect(roleOf('get', '/api/v1/candles')).toBe('none');
    expect(roleOf('get', '/api/v1/drawings')).toBe('viewer');
    expect(roleOf('post', '/api/v1/strategies/{id}/simulate')).toBe('operator');
  });

  it('gives every error answer the {"error":{"code","message"}} envelope', () => {
    for (const { path, method, op } of operations()) {
      const statuses = Object.keys(op.responses);
      expect({ path, method, has421: statuses.includes('421') }).toEqual({ path, method, has421: true });
      if (op['x-required-role'] !== 'none') expect({ path, method, auth: ['401', '403'].every((s) => statuses.includes(s)) }).toEqual({ path, method, auth: true });
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        expect(op.responses[status]!.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } });
      }
    }
  });
});

describe('documented examples', () => {
  const ajv = new Ajv2020({ strict: true, validateFormats: false });

  /** Every schema in the document that carries `examples`, wherever it is nested. */
  function schemasWithExamples(node: unknown, at: string, found: Array<{ at: string; schema: Json }> = []) {
    if (Array.isArray(node)) node.forEach((item, i) => schemasWithExamples(item, `${at}/${i}`, found));
    else if (typeof node === 'object' && node !== null) {
      const schema = node as Json;
      if (Array.isArray(schema.examples) && at.includes('/schema')) found.push({ at, schema });
      for (const [key, value] of Object.entries(schema)) if (key !== 'examples') schemasWithExamples(value, `${at}/${key}`, found);
    }
    return found;
  }

  it('every example in the document validates against the JSON Schema it sits in', () => {
    const found = schemasWithExamples(doc.paths, '#/paths');
    expect(found.length).toBeGreaterThan(20);
    for (const { at, schema } of found) {
      const validate = ajv.compile(schema);
      for (const example of schema.examples as unknown[]) {
        expect({ at, example, errors: validate(example) ? null : validate.errors }).toEqual({ at, example, errors: null });
      }
    }
  });

  it('every example of a parameter, body or response parses with the zod schema the route uses', () => {
    let checked = 0;
    const examplesOf = (schema: unknown): unknown[] => ((schema as Json | undefined)?.examples as unknown[] | undefined) ?? [];
    const expectParses = (what: string, schema: z.ZodType, example: unknown) => {
      checked++;
      const result = schema.safeParse(example);
      expect({ what, example, issues: result.error?.issues ?? null }).toEqual({ what, example, issues: null });
    };
    for (const { prefix, route } of MOUNTED_ROUTES) {
      const op = doc.paths[openApiPath(prefix, route.path)]![route.method]!;
      for (const parameter of op.parameters) {
        const shape = (parameter.in === 'path' ? route.params : route.query)!.shape as Record<string, z.ZodType>;
        for (const example of examplesOf(parameter.schema)) expectParses(`${route.path} ${String(parameter.name)}`, shape[String(parameter.name)]!, example);
      }
      const body = (op.requestBody?.content as Record<string, Json> | undefined)?.['application/json']?.schema;
      for (const example of examplesOf(body)) expectParses(`${route.path} body`, route.body!, example);
      for (const [status, { schema }] of Object.entries(route.responses)) {
        const response = (op.responses[status]!.content as Record<string, Json> | undefined)?.['application/json']?.schema;
        for (const example of examplesOf(response)) expectParses(`${route.path} ${status}`, schema!, example);
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});
