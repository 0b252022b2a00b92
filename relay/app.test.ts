import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiErrorSchema, StatusResponseSchema } from '../shared/market/index.ts';
import { createRelayApp } from './app.ts';
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

  async function start(distDir: string) {
    const logger = pino({ level: 'silent' });
    const app = createRelayApp({ config: { tradingMode: 'paper', bybitEnv: 'sim' }, gateway, market, db, logger, distDir });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'relay-app-'));
    db = openDatabase(join(root, 'data'));
    gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]);
    market = new MarketService(gateway);
  });

  afterEach(async () => {
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
    });
  });

  it('answers unknown API routes with a JSON 404 and echoes the caller request id', async () => {
    await start(join(root, 'dist'));
    const res = await fetch(`${base}/api/v1/nope`, { headers: { 'x-request-id': 'abc-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-request-id')).toBe('abc-123');
    expect(ApiErrorSchema.parse(await res.json()).error).toEqual({ code: 'not_found', message: 'no API route GET /api/v1/nope' });
    expect((await fetch(`${base}/api/other`)).status).toBe(404);
    expect((await fetch(`${base}/api/v1/status`)).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('maps an unreachable exchange to 503 with a message', async () => {
    await start(join(root, 'dist'));
    gateway.offline = true;
    const res = await fetch(`${base}/api/v1/symbols`);
    expect(res.status).toBe(503);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('upstream_unavailable');
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
