import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Router } from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { backtestReport } from '../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../shared/backtest/test-dataset.ts';
import { newDrawing } from '../shared/drawings/index.ts';
import { ApiErrorSchema, INTERVAL_MS } from '../shared/market/index.ts';
import { backtestRecord } from '../shared/simulations/test-records.ts';
import { strategyEntry } from '../shared/strategy/index.ts';
import { loopbackAccess, OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from './access/test-access.ts';
import { fixtureCandleSource, fixtureDataset } from './ai/fixture-market.ts';
import { createRelayApp } from './app.ts';
import { createAuditLog } from './audit/index.ts';
import { parseConfig } from './config.ts';
import { openExecution } from './execution/index.ts';
import { seedDeadLetter } from './execution/test-dead-letters.ts';
import { mountedRoutes } from './http/mounted-routes.ts';
import { InMemoryMarketGateway } from './market/in-memory-market-gateway.ts';
import { MarketService } from './market/market-service.ts';
import { testSymbol } from './market/test-symbols.ts';
import { oneActiveVersion } from './runner/test-active-versions.ts';
import { startRelay, type RunningRelay } from './server.ts';
import { openDatabase } from './storage/database.ts';

/**
 * Every route and upgrade of the real relay, one malformed input at a time: the process must
 * survive each request and answer a client error as a 4xx with the ApiError body.
 */
const logger = pino({ level: 'silent' });
// Recorded candles for the AI review's dataset; the recent ranges other routes ask for stay empty.
const gateway = new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')], fixtureCandleSource());
let relay: RunningRelay;
let dataDir: string;

const TIMEOUTS = { headersTimeout: 300, requestTimeout: 600, keepAliveTimeout: 300, connectionsCheckingInterval: 50 };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-fuzz-'));
  const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN });
  relay = await startRelay(config, { gateway, logger, distDir: join(dataDir, 'no-dist'), httpTimeouts: TIMEOUTS, activeVersions: oneActiveVersion() });
  // Resting paper limits (bid 90 under a market at 100) for the routes that need an existing order.
  for (const [key, route] of [['fuzz-cancel', cancelCase], ['fuzz-read', readCase]] as const) {
    const res = await fetch(`${relay.url}/api/v1/orders`, {
      method: 'POST',
      headers: { ...OPERATOR_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ ...limitOrder, idempotencyKey: key }),
    });
    route.pathParams.id = ((await res.json()) as { order: { id: string } }).order.id;
  }
  // A finished review loop for the routes that read and cancel one.
  const started = await fetch(`${relay.url}/api/v1/strategies/ema-rsi/review-loop`, {
    method: 'POST',
    headers: { ...OPERATOR_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(reviewLoopBody),
  });
  const loopId = ((await started.json()) as { loop: { loopId: string } }).loop.loopId;
  for (const route of [loopReadCase, loopCancelCase]) route.pathParams.loopId = loopId;
  // Versions 1 (to approve and activate) and 2 (to reject); the create case adds the next one.
  for (const params of [{ fastPeriod: 9 }, { fastPeriod: 10 }]) {
    const res = await fetch(`${relay.url}/api/v1/strategies/ema-rsi/versions`, {
      method: 'POST',
      headers: { ...OPERATOR_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ params, market: { symbol: 'BTCUSDT', interval: '1m' } }),
    });
    expect(res.status).toBe(201);
  }
  replayCase.pathParams.id = String(seedDeadLetter(dataDir, 'fuzz-read'));
  const runner = await fetch(`${relay.url}/api/v1/strategies/ema-rsi/runner`, { headers: OPERATOR_AUTH });
  positionsCase.query.strategyRunId = ((await runner.json()) as { runner: { runId: string } }).runner.runId;
});

afterAll(async () => {
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const MALFORMED = ['%E0%A4%A', '%', '%zz', '%00', '%C0%AF', `${'%FF'.repeat(300)}`, 'A'.repeat(5000), '-1', '0x10', '%20'];

const drawing = newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 1 }] });
const layoutKey = { symbol: 'BTCUSDT', interval: '1h' };
const layout = { ...layoutKey, indicators: [], volumeProfile: true, updatedAt: '2026-11-02T10:00:00.000Z' };
const { report } = await backtestReport(btcColumns(300), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG);
const simulation = backtestRecord(report);
const to = Math.floor(Date.now() / INTERVAL_MS['1h']) * INTERVAL_MS['1h'] - 10 * INTERVAL_MS['1h'];

interface RouteCase {
  method: string;
  /** Express' route path, to check every mounted route has a case. */
  route: string;
  /** `{name}` marks a path parameter. */
  path: string;
  pathParams: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
  /** Mounted outside /api/v1 (the login link). */
  root?: boolean;
  /** What a well-formed request answers when that is not a 2xx (the login link redirects). */
  okStatus?: number;
}

const limitOrder = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.1', price: '90', reason: 'fuzz' };
/** Their order ids are filled in once beforeAll has placed the orders. */
const cancelCase: RouteCase = { method: 'POST', route: '/orders/:id/cancel', path: '/orders/{id}/cancel', pathParams: { id: '' }, query: {} };
const readCase: RouteCase = { method: 'GET', route: '/orders/:id', path: '/orders/{id}', pathParams: { id: '' }, query: {} };
/** Its run id is filled in once beforeAll has read the running version's run. */
const positionsCase: RouteCase = { method: 'GET', route: '/positions', path: '/positions', pathParams: {}, query: { strategyRunId: '' } };
/** Its id is filled in once beforeAll has put a dead letter in the relay's database. */
const replayCase: RouteCase = { method: 'POST', route: '/dead-letters/:id/replay', path: '/dead-letters/{id}/replay', pathParams: { id: '' }, query: {} };

const reviewDataset = fixtureDataset(3000);
const reviewLoopBody = { rounds: 1, dataset: reviewDataset, advisor: 'local', comparison: { walkForward: { windows: 2, candidates: 4 } } };
const loopReadCase: RouteCase = { method: 'GET', route: '/review-loops/:loopId', path: '/review-loops/{loopId}', pathParams: { loopId: '' }, query: {} };
const loopCancelCase: RouteCase = { method: 'POST', route: '/review-loops/:loopId/cancel', path: '/review-loops/{loopId}/cancel', pathParams: { loopId: '' }, query: {} };

const ROUTES: RouteCase[] = [
  { method: 'GET', route: '/status', path: '/status', pathParams: {}, query: {} },
  { method: 'GET', route: '/symbols', path: '/symbols', pathParams: {}, query: {} },
  { method: 'GET', route: '/tickers', path: '/tickers', pathParams: {}, query: { symbols: 'BTCUSDT' } },
  {
    method: 'GET',
    route: '/candles',
    path: '/candles',
    pathParams: {},
    query: { symbol: 'BTCUSDT', interval: '1h', from: String(to - 5 * INTERVAL_MS['1h']), to: String(to) },
  },
  {
    method: 'GET',
    route: '/indicators',
    path: '/indicators',
    pathParams: {},
    query: { symbol: 'BTCUSDT', interval: '1h', name: 'sma', params: '{"period":3}', from: String(to - 5 * INTERVAL_MS['1h']), to: String(to) },
  },
  { method: 'GET', route: '/drawings', path: '/drawings', pathParams: {}, query: { symbol: 'BTCUSDT' } },
  { method: 'PUT', route: '/drawings/:id', path: '/drawings/{id}', pathParams: { id: drawing.id }, query: {}, body: drawing },
  { method: 'DELETE', route: '/drawings/:id', path: '/drawings/{id}', pathParams: { id: drawing.id }, query: {} },
  // PUT before GET: the well-formed GET reads the layout the PUT saved.
  { method: 'PUT', route: '/layouts/:symbol/:interval', path: '/layouts/{symbol}/{interval}', pathParams: layoutKey, query: {}, body: layout },
  { method: 'GET', route: '/layouts/:symbol/:interval', path: '/layouts/{symbol}/{interval}', pathParams: layoutKey, query: {} },
  { method: 'GET', route: '/watchlist', path: '/watchlist', pathParams: {}, query: {} },
  // PUT before DELETE: the well-formed DELETE removes the symbol the PUT starred.
  { method: 'PUT', route: '/watchlist/:symbol', path: '/watchlist/{symbol}', pathParams: { symbol: 'BTCUSDT' }, query: {} },
  { method: 'DELETE', route: '/watchlist/:symbol', path: '/watchlist/{symbol}', pathParams: { symbol: 'BTCUSDT' }, query: {} },
  {
    method: 'POST',
    route: '/strategies/:id/simulate',
    path: '/strategies/{id}/simulate',
    pathParams: { id: 'ema-rsi' },
    query: {},
    body: simulation,
  },
  { method: 'POST', route: '/strategies/:id/review', path: '/strategies/{id}/review', pathParams: { id: 'ema-rsi' }, query: {}, body: { dataset: reviewDataset, advisor: 'local' } },
  { method: 'GET', route: '/ai-suggestions', path: '/ai-suggestions', pathParams: {}, query: { strategyId: 'ema-rsi' } },
  { method: 'POST', route: '/strategies/:id/review-loop', path: '/strategies/{id}/review-loop', pathParams: { id: 'ema-rsi' }, query: {}, body: reviewLoopBody },
  loopReadCase,
  loopCancelCase,
  {
    method: 'POST',
    route: '/strategies/:id/versions',
    path: '/strategies/{id}/versions',
    pathParams: { id: 'ema-rsi' },
    query: {},
    body: { params: { fastPeriod: 11 }, market: { symbol: 'BTCUSDT', interval: '1m' }, note: 'fuzz' },
  },
  { method: 'GET', route: '/strategies/:id/versions', path: '/strategies/{id}/versions', pathParams: { id: 'ema-rsi' }, query: {} },
  { method: 'GET', route: '/strategies/:id/versions/:v', path: '/strategies/{id}/versions/{v}', pathParams: { id: 'ema-rsi', v: '1' }, query: {} },
  // Without a walk-forward result no run is enough evidence yet: the well-formed approval is the 409 naming what is missing, and activation and rollback then have nothing approved.
  {
    method: 'POST',
    route: '/strategies/:id/versions/:v/approve',
    path: '/strategies/{id}/versions/{v}/approve',
    pathParams: { id: 'ema-rsi', v: '1' },
    query: {},
    body: { runId: simulation.runId },
    okStatus: 409,
  },
  { method: 'POST', route: '/strategies/:id/versions/:v/activate', path: '/strategies/{id}/versions/{v}/activate', pathParams: { id: 'ema-rsi', v: '1' }, query: {}, okStatus: 409 },
  { method: 'POST', route: '/strategies/:id/rollback', path: '/strategies/{id}/rollback', pathParams: { id: 'ema-rsi' }, query: {}, okStatus: 409 },
  {
    method: 'POST',
    route: '/strategies/:id/versions/:v/reject',
    path: '/strategies/{id}/versions/{v}/reject',
    pathParams: { id: 'ema-rsi', v: '2' },
    query: {},
    body: { reason: 'fuzz' },
  },
  { method: 'GET', route: '/login', path: '/login', pathParams: {}, query: { token: TEST_OPERATOR_TOKEN }, root: true, okStatus: 303 },
  { method: 'POST', route: '/login', path: '/login', pathParams: {}, query: {}, body: { token: TEST_OPERATOR_TOKEN } },
  { method: 'POST', route: '/logout', path: '/logout', pathParams: {}, query: {} },
  { method: 'GET', route: '/session', path: '/session', pathParams: {}, query: {} },
  { method: 'GET', route: '/simulations/:runId', path: '/simulations/{runId}', pathParams: { runId: simulation.runId }, query: {} },
  { method: 'GET', route: '/audit', path: '/audit', pathParams: {}, query: { kind: 'drawing.change', limit: '10' } },
  { method: 'POST', route: '/orders', path: '/orders', pathParams: {}, query: {}, body: { ...limitOrder, idempotencyKey: 'fuzz-place' } },
  // A stop order, whose triggerPrice is fuzzed too.
  { method: 'POST', route: '/orders', path: '/orders', pathParams: {}, query: {}, body: { symbol: 'BTCUSDT', side: 'sell', type: 'stop', qty: '0.1', triggerPrice: '90', reason: 'fuzz', idempotencyKey: 'fuzz-stop' } },
  { method: 'GET', route: '/orders', path: '/orders', pathParams: {}, query: { symbol: 'BTCUSDT', status: 'open' } },
  readCase,
  cancelCase,
  { method: 'POST', route: '/orders/cancel-all', path: '/orders/cancel-all', pathParams: {}, query: {} },
  // This relay trades paper, where a well-formed arming is refused as needless.
  { method: 'PUT', route: '/trading/live', path: '/trading/live', pathParams: {}, query: {}, body: { armed: true }, okStatus: 409 },
  positionsCase,
  { method: 'GET', route: '/positions/by-run', path: '/positions/by-run', pathParams: {}, query: {} },
  { method: 'GET', route: '/balances', path: '/balances', pathParams: {}, query: {} },
  { method: 'GET', route: '/strategies/:id/runner', path: '/strategies/{id}/runner', pathParams: { id: 'ema-rsi' }, query: {} },
  { method: 'GET', route: '/strategies/:id/parity', path: '/strategies/{id}/parity', pathParams: { id: 'ema-rsi' }, query: {} },
  { method: 'GET', route: '/reconciliation', path: '/reconciliation', pathParams: {}, query: {} },
  { method: 'GET', route: '/dead-letters', path: '/dead-letters', pathParams: {}, query: { state: 'pending' } },
  replayCase,
  { method: 'GET', route: '/openapi.json', path: '/openapi.json', pathParams: {}, query: {} },
  // No parameters of its own: the fuzz is the path, headers and query below.
  { method: 'GET', route: '/metrics', path: '/metrics', pathParams: {}, query: {}, root: true },
];

/** Raw (already escaped) path and query values, so malformed escapes reach the relay as sent. */
function urlOf(route: RouteCase, pathParams: Record<string, string>, query: Array<[string, string]>): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => pathParams[name]!);
  const search = query.map(([k, v]) => `${k}=${v}`).join('&');
  return `${relay.url}${route.root ? '' : '/api/v1'}${path}${search ? `?${search}` : ''}`;
}

async function send(route: RouteCase, url: string, body = route.body) {
  const res = await fetch(url, {
    method: route.method,
    redirect: 'manual',
    headers: { ...OPERATOR_AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text };
}

function expectClientError(what: string, { status, text }: { status: number; text: string }) {
  expect({ what, clientError: status >= 400 && status < 500 }).toEqual({ what, clientError: true });
  const body = ApiErrorSchema.safeParse(JSON.parse(text));
  expect({ what, envelope: body.success && body.data.error.message.length > 0 }).toEqual({ what, envelope: true });
}

describe('malformed input on every route', () => {
  it('has a fuzz case for every route the app mounts', async () => {
    const db = openDatabase(join(dataDir, 'routes'));
    const market = new MarketService(gateway);
    const audit = createAuditLog(db);
    const execution = await openExecution({ mode: 'paper', settings: parseConfig({}).execution, gateway, market, db, audit });
    try {
      const app = createRelayApp({ config: { tradingMode: 'paper', bybitEnv: 'sim' }, gateway, market, db, execution, audit, logger, access: loopbackAccess() });
      const mounted = mountedRoutes(app.router as unknown as Router).sort();
      expect(mounted).toEqual([...new Set(ROUTES.map((r) => `${r.method} ${r.route}`))].sort());
    } finally {
      execution.close();
      market.close();
      db.close();
    }
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: well-formed input succeeds, every malformed value is a 4xx', async (_, route) => {
    const validQuery = Object.entries(route.query).map(([k, v]) => [k, encodeURIComponent(v)] as [string, string]);
    const ok = await send(route, urlOf(route, route.pathParams, validQuery));
    expect({ ok: ok.status, text: ok.text.slice(0, 200) }).toMatchObject({ ok: expect.any(Number) });
    if (route.okStatus === undefined) expect(ok.status).toBeLessThan(300);
    else expect(ok.status).toBe(route.okStatus);

    for (const name of Object.keys(route.pathParams)) {
      for (const value of MALFORMED) {
        const res = await send(route, urlOf(route, { ...route.pathParams, [name]: value }, validQuery));
        expectClientError(`${route.method} ${route.path} ${name}=${value.slice(0, 20)}`, res);
      }
    }
    for (const [name] of validQuery) {
      const others = validQuery.filter(([k]) => k !== name);
      const variants: Array<Array<[string, string]>> = [
        ...MALFORMED.map((value) => [...others, [name, value] as [string, string]]),
        [...others, [name, ''], [name, 'again']], // repeated: an array where a string belongs
        ...(name === 'symbols' ? [] : [others]), // missing (symbols alone is optional: all tickers)
      ];
      for (const query of variants) {
        const res = await send(route, urlOf(route, route.pathParams, query));
        // Optional parameters (all of /audit's, /orders', /positions' and /dead-letters') may be left out; a blank symbols list means every ticker.
        const optional =
          ((name === 'from' || name === 'to' || name === 'params' || ['/audit', '/orders', '/positions', '/dead-letters'].includes(route.path)) && query === others) ||
          (name === 'symbols' && query.at(-1)?.[1] === '%20');
        if (!optional) expectClientError(`${route.method} ${route.path} ${query.map((q) => q.join('=')).join('&').slice(-80)}`, res);
      }
    }
    if (route.body !== undefined) {
      for (const body of ['null', '[]', '"x"', '{"id":1}', '{', '{"run":{"strategy":7}}']) {
        expectClientError(`${route.method} ${route.path} body ${body}`, await send(route, urlOf(route, route.pathParams, validQuery), body));
      }
    }
  });

  it('answers /metrics as text, whatever query or request id comes with it, and refuses bad credentials as JSON', async () => {
    for (const query of ['?name[]=x', '?%E0%A4%A', `?${'a'.repeat(5000)}`, '?name=relay_ws_clients&name=x']) {
      const res = await fetch(`${relay.url}/metrics${query}`, { headers: { ...OPERATOR_AUTH, 'x-request-id': '%00 <x>'.repeat(50) } });
      expect({ query: query.slice(0, 20), status: res.status }).toEqual({ query: query.slice(0, 20), status: 200 });
      expect(await res.text()).toContain('# TYPE relay_http_request_duration_seconds histogram');
    }
    const underApi = await fetch(`${relay.url}/api/v1/metrics`, { headers: OPERATOR_AUTH });
    expectClientError('/api/v1/metrics', { status: underApi.status, text: await underApi.text() });
    for (const authorization of ['Bearer', 'Bearer %00', `Bearer ${'x'.repeat(5000)}`, 'Basic b3A6b3A=']) {
      const res = await fetch(`${relay.url}/metrics`, { headers: { authorization } });
      expectClientError(authorization.slice(0, 20), { status: res.status, text: await res.text() });
    }
  });

  it('answers every malformed WebSocket upgrade with a 4xx and keeps streaming', async () => {
    const wsBase = relay.url.replace('http', 'ws');
    const paths = [
      ...MALFORMED.map((value) => `/api/v1/stream/ticks/${value}`),
      '/api/v1/stream/ticks/btcusdt',
      '/api/v1/stream/%E0%A4%A',
      '/api/v1/stream/ticks/BTCUSDT/extra',
    ];
    for (const path of paths) {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${wsBase}${path}`, { headers: OPERATOR_AUTH });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          res.resume();
        });
        ws.on('open', () => reject(new Error(`${path} was upgraded`)));
        ws.on('error', () => {});
      });
      expect({ path: path.slice(0, 40), clientError: status >= 400 && status < 500 }).toEqual({ path: path.slice(0, 40), clientError: true });
    }
    const ws = new WebSocket(`${wsBase}/api/v1/stream/ticks/BTCUSDT`, { headers: OPERATOR_AUTH });
    const first = await new Promise<string>((resolve, reject) => {
      ws.once('message', (data) => resolve(String(data)));
      ws.once('error', reject);
    });
    expect(JSON.parse(first)).toMatchObject({ type: 'status' });
    ws.close();
    expect((await fetch(`${relay.url}/api/v1/status`)).status).toBe(200);
  });
});

describe('slow clients', () => {
  /** Sends `data` over a raw socket and resolves with how long the relay kept the socket open. */
  function heldFor(data: string): Promise<number> {
    const { port } = new URL(relay.url);
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(data));
      socket.on('data', () => {});
      socket.on('error', reject);
      socket.on('close', () => resolve(performance.now() - started));
    });
  }

  it('closes a socket whose headers never complete within the headers timeout', async () => {
    const ms = await heldFor('GET /api/v1/status HTTP/1.1\r\nHost: relay\r\n');
    expect(ms).toBeLessThan(TIMEOUTS.headersTimeout + 4 * TIMEOUTS.connectionsCheckingInterval + 500);
  });

  it('closes a socket whose body never completes within the request timeout', async () => {
    const ms = await heldFor(`PUT /api/v1/drawings/${drawing.id} HTTP/1.1\r\nHost: relay\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"id":`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUTS.headersTimeout);
    expect(ms).toBeLessThan(TIMEOUTS.requestTimeout + 4 * TIMEOUTS.connectionsCheckingInterval + 500);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const ms = await heldFor('GET /api/v1/status HTTP/1.1\r\nHost: relay\r\n\r\n');
    // Node waits up to a further second past keepAliveTimeout before it closes an idle socket.
    expect(ms).toBeLessThan(TIMEOUTS.keepAliveTimeout + 2000);
  });
});
