import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDrawing } from '../shared/drawings/index.ts';
import { ApiErrorSchema, StatusResponseSchema } from '../shared/market/index.ts';
import { grantTestOperator, loopbackAccess, OPERATOR_AUTH } from './access/test-access.ts';
import { createRelayApp } from './app.ts';
import { createAuditLog } from './audit/index.ts';
import { parseConfig } from './config.ts';
import { openExecution, type ExecutionService } from './execution/index.ts';
import { InMemoryMarketGateway } from './market/in-memory-market-gateway.ts';
import { MarketService } from './market/market-service.ts';
import { testSymbol } from './market/test-symbols.ts';
import { openDatabase, type SqliteDatabase } from './storage/database.ts';

/** HTTP plumbing of the app (routing, errors, SPA) over the in-memory gateway double. */
describe('createRelayApp', () => {
  let root: string;
  let db: SqliteDatabase;
  let market: MarketService;
  let gateway: InMemoryMarketGateway;
  let server: Server;
  let base: string;
  let execution: ExecutionService | undefined;

  async function start(distDir: string) {
    const logger = pino({ level: 'silent' });
    const audit = createAuditLog(db);
    execution = await openExecution({ mode: 'paper', settings: parseConfig({}).execution, gateway, market, db, audit });
    const app = createRelayApp({ config: { tradingMode: 'paper', bybitEnv: 'sim' }, gateway, market, db, execution, audit, logger, distDir, access: loopbackAccess() });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'relay-app-'));
    db = openDatabase(join(root, 'data'));
    grantTestOperator(db);
    gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
    market = new MarketService(gateway);
  });

  afterEach(async () => {
    execution?.close();
    market.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('reports mode, environment and both upstream states', async () => {
    await start(join(root, 'dist'));
    const res = await fetch(`${base}/api/v1/status`);
    expect(StatusResponseSchema.parse(await res.json())).toEqual({
      mode: 'paper',
      bybitEnv: 'sim',
      rest: { state: 'connecting', lastError: null, nextRetryAt: null },
      stream: { state: 'connected', lastError: null, nextRetryAt: null },
      audit: { state: 'intact', rows: 0 },
    });
  });

  it('answers unknown API routes with a JSON 404 and echoes the caller request id', async () => {
    await start(join(root, 'dist'));
    const res = await fetch(`${base}/api/v1/nope`, { headers: { 'x-request-id': 'abc-123', ...OPERATOR_AUTH } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(ApiErrorSchema.parse(await res.json()).error).toEqual({ code: 'not_found', message: 'no API route GET /api/v1/nope', requestId: 'abc-123' });
    expect((await fetch(`${base}/api/other`, { headers: OPERATOR_AUTH })).status).toBe(404);
    expect((await fetch(`${base}/api/v1/status`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps an unreachable exchange to 503 with a message', async () => {
    await start(join(root, 'dist'));
    gateway.offline = true;
    const res = await fetch(`${base}/api/v1/symbols`);
    expect(res.status).toBe(503);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('upstream_unavailable');
  });

  it('answers client errors the parsers detect with their 4xx and an ApiError body, not a 500', async () => {
    await start(join(root, 'dist'));
    const drawing = newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 1 }] });
    const putDrawing = (headers: Record<string, string>, body: string | Blob) =>
      fetch(`${base}/api/v1/drawings/${drawing.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...OPERATOR_AUTH, ...headers }, body });
    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      ['bad escape in a GET path', () => fetch(`${base}/api/v1/simulations/%E0%A4%A`, { headers: OPERATOR_AUTH }), 400, 'invalid_path'],
      ['bad escape in a DELETE path', () => fetch(`${base}/api/v1/drawings/%E0%A4%A`, { method: 'DELETE', headers: OPERATOR_AUTH }), 400, 'invalid_path'],
      ['a charset other than UTF-8', () => putDrawing({ 'content-type': 'application/json; charset=latin1' }, JSON.stringify(drawing)), 415, 'unsupported_charset'],
      ['gzip that is not gzip', () => putDrawing({ 'content-encoding': 'gzip' }, JSON.stringify(drawing)), 400, 'bad_request'],
      ['an unknown content-encoding', () => putDrawing({ 'content-encoding': 'x-rot13' }, JSON.stringify(drawing)), 415, 'unsupported_encoding'],
      ['malformed JSON', () => putDrawing({}, '{"id":'), 400, 'invalid_json'],
      // The drawings route declares 64 kb; no wider API-wide parser may read the body first.
      ['a 100 kb drawing', () => putDrawing({}, JSON.stringify({ ...drawing, label: 'x'.repeat(100 * 1024) })), 413, 'body_too_large'],
    ];
    for (const [what, send, status, code] of cases) {
      const res = await send();
      const body = ApiErrorSchema.parse(await res.json());
      expect({ what, status: res.status, code: body.error.code }).toEqual({ what, status, code });
      expect(body.error.message.length).toBeGreaterThan(0);
    }
    const gzipped = await putDrawing({ 'content-encoding': 'gzip' }, new Blob([gzipSync(JSON.stringify(drawing))]));
    expect(gzipped.status).toBe(201);
  });

  it('tells the user to build the SPA when dist/ is missing', async () => {
    await start(join(root, 'dist'));
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('Run "npm run build"');
  });

  it('serves the built SPA: hashed assets cached for a year, index.html revalidated, deep links fall back', async () => {
    const dist = join(root, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>portal</title>');
    writeFileSync(join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
    await start(dist);

    const asset = await fetch(`${base}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/chart/BTCUSDT']) {
      const page = await fetch(`${base}${path}`);
      expect(page.status).toBe(200);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<title>portal</title>');
    }
  });
});
