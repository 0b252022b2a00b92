import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { newDrawing } from '../../shared/drawings/index.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { parseConfig } from '../config.ts';
import { startOpenAiStandIn, type OpenAiStandIn } from '../openai-standin/index.ts';
import { openApiPath } from '../openapi/openapi-document.ts';
import { MOUNTED_ROUTES } from '../openapi/route-catalogue.ts';
import { createLogger } from '../observability/logger.ts';
import { oneActiveVersion } from '../runner/test-active-versions.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import { seedDeadLetter } from '../execution/test-dead-letters.ts';
import { openDatabaseReadOnly } from '../storage/database.ts';
import { FAKE_API_KEYS, leakedKeys } from './fake-api-keys.ts';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from './test-access.ts';

/**
 * With Bybit and OpenRouter keys in the relay's environment (and in process.env, where a library
 * might look), a real relay on the Bybit stand-in is driven through every route, both streams and
 * its refusals at LOG_LEVEL=trace: no key may reach a response, a stream message, a log line or
 * the data folder (the audit rows among them). The client bundle is checked in tests/e2e.
 */
const logLines: string[] = [];
const seen: Array<{ where: string; text: string }> = [];
let relay: RunningRelay;
let dataDir: string;
/** OpenRouter's place: the key really is sent to a provider, which is the one place it may go. */
let provider: OpenAiStandIn;
const savedEnv = { ...process.env };

beforeAll(async () => {
  Object.assign(process.env, FAKE_API_KEYS);
  dataDir = mkdtempSync(join(tmpdir(), 'relay-secrets-'));
  provider = await startOpenAiStandIn({ apiKey: FAKE_API_KEYS.OPENROUTER_API_KEY });
  const config = parseConfig({ ...process.env, OPENROUTER_BASE_URL: provider.baseUrl, PORT: '0', HOST: '127.0.0.1', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'trace', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN });
  // The keys really are in the relay's configuration, or this test would prove nothing.
  expect([config.bybit?.apiKey.reveal(), config.bybit?.apiSecret.reveal(), config.openRouter?.apiKey.reveal()]).toEqual(Object.values(FAKE_API_KEYS));
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(String(chunk)), done()) });
  relay = await startRelay(config, { logger: createLogger(config.logLevel, sink), distDir: join(dataDir, 'no-dist'), activeVersions: oneActiveVersion() });
}, 30_000);

afterAll(async () => {
  await relay?.close();
  await provider?.close();
  for (const name of Object.keys(FAKE_API_KEYS)) delete process.env[name];
  Object.assign(process.env, savedEnv);
  rmSync(dataDir, { recursive: true, force: true });
});

const drawing = newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 1 }] });
const layout = { symbol: 'BTCUSDT', interval: '1h', indicators: [], volumeProfile: false, updatedAt: '2026-11-02T10:00:00.000Z' };
const { report } = await backtestReport(btcColumns(300), strategyEntry('ema-rsi').bind({}), BTC_CONFIG);
const simulation = backtestRecord(report);
const to = Date.now();

/** Set from the answer of POST /orders, for the routes of that one order. */
let orderId = '';
/** Set from the answer of POST /strategies/{id}/review-loop. */
let loopId = '';
const reviewDataset = { symbol: 'BTCUSDT', interval: '1m', from: Math.floor(to / 60_000) * 60_000 - 3000 * 60_000, to: Math.floor(to / 60_000) * 60_000 - 60_000 };
const restingOrder = { idempotencyKey: 'secrets-1', symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.01', price: '1000', reason: 'secrets test' };

/** One well-formed request per mounted route (`METHOD /openapi/path`), in an order where each finds what it reads. */
const REQUESTS: Array<{ route: string; url: string | (() => string); body?: unknown; refusedWith?: number }> = [
  { route: 'get /login', url: `/login?token=${TEST_OPERATOR_TOKEN}` },
  { route: 'post /api/v1/login', url: '/api/v1/login', body: { token: TEST_OPERATOR_TOKEN } },
  { route: 'get /api/v1/session', url: '/api/v1/session' },
  { route: 'get /api/v1/status', url: '/api/v1/status' },
  { route: 'get /api/v1/symbols', url: '/api/v1/symbols' },
  { route: 'get /api/v1/tickers', url: '/api/v1/tickers?symbols=BTCUSDT' },
  { route: 'get /api/v1/candles', url: `/api/v1/candles?symbol=BTCUSDT&interval=1m&from=${to - 3_600_000}&to=${to}` },
  { route: 'get /api/v1/indicators', url: `/api/v1/indicators?symbol=BTCUSDT&interval=1m&name=rsi&from=${to - 3_600_000}&to=${to}` },
  { route: 'put /api/v1/drawings/{id}', url: `/api/v1/drawings/${drawing.id}`, body: drawing },
  { route: 'get /api/v1/drawings', url: '/api/v1/drawings?symbol=BTCUSDT' },
  { route: 'delete /api/v1/drawings/{id}', url: `/api/v1/drawings/${drawing.id}` },
  { route: 'put /api/v1/layouts/{symbol}/{interval}', url: '/api/v1/layouts/BTCUSDT/1h', body: layout },
  { route: 'get /api/v1/layouts/{symbol}/{interval}', url: '/api/v1/layouts/BTCUSDT/1h' },
  { route: 'put /api/v1/watchlist/{symbol}', url: '/api/v1/watchlist/BTCUSDT' },
  { route: 'get /api/v1/watchlist', url: '/api/v1/watchlist' },
  { route: 'delete /api/v1/watchlist/{symbol}', url: '/api/v1/watchlist/BTCUSDT' },
  { route: 'post /api/v1/strategies/{id}/simulate', url: '/api/v1/strategies/ema-rsi/simulate', body: simulation },
  { route: 'get /api/v1/simulations/{runId}', url: `/api/v1/simulations/${simulation.runId}` },
  { route: 'post /api/v1/strategies/{id}/review', url: '/api/v1/strategies/ema-rsi/review', body: { dataset: reviewDataset } },
  { route: 'get /api/v1/ai-suggestions', url: '/api/v1/ai-suggestions?strategyId=ema-rsi' },
  { route: 'post /api/v1/strategies/{id}/review-loop', url: '/api/v1/strategies/ema-rsi/review-loop', body: { rounds: 1, dataset: reviewDataset, comparison: { walkForward: { windows: 2, candidates: 4 } } } },
  { route: 'get /api/v1/review-loops/{loopId}', url: () => `/api/v1/review-loops/${loopId}` },
  { route: 'post /api/v1/review-loops/{loopId}/cancel', url: () => `/api/v1/review-loops/${loopId}/cancel` },
  { route: 'post /api/v1/strategies/{id}/versions', url: '/api/v1/strategies/ema-rsi/versions', body: { params: {}, market: { symbol: 'BTCUSDT', interval: '1m' } } },
  { route: 'get /api/v1/strategies/{id}/versions', url: '/api/v1/strategies/ema-rsi/versions' },
  { route: 'get /api/v1/strategies/{id}/versions/{v}', url: '/api/v1/strategies/ema-rsi/versions/1' },
  // A backtest is no approval evidence: the refusal (naming what is missing) is what this route answers here, and activation and rollback then have nothing approved.
  { route: 'post /api/v1/strategies/{id}/versions/{v}/approve', url: '/api/v1/strategies/ema-rsi/versions/1/approve', body: { runId: simulation.runId }, refusedWith: 409 },
  { route: 'post /api/v1/strategies/{id}/versions/{v}/activate', url: '/api/v1/strategies/ema-rsi/versions/1/activate', refusedWith: 409 },
  { route: 'post /api/v1/strategies/{id}/rollback', url: '/api/v1/strategies/ema-rsi/rollback', refusedWith: 409 },
  { route: 'post /api/v1/strategies/{id}/versions/{v}/reject', url: '/api/v1/strategies/ema-rsi/versions/1/reject', body: { reason: 'secrets test' } },
  { route: 'get /api/v1/audit', url: '/api/v1/audit?limit=500' },
  { route: 'get /api/v1/openapi.json', url: '/api/v1/openapi.json' },
  { route: 'get /metrics', url: '/metrics' },
  { route: 'post /api/v1/orders', url: '/api/v1/orders', body: restingOrder },
  { route: 'get /api/v1/orders', url: '/api/v1/orders' },
  { route: 'get /api/v1/orders/{id}', url: () => `/api/v1/orders/${orderId}` },
  { route: 'get /api/v1/reconciliation', url: '/api/v1/reconciliation' },
  { route: 'post /api/v1/dead-letters/{id}/replay', url: () => `/api/v1/dead-letters/${seedDeadLetter(dataDir, restingOrder.idempotencyKey)}/replay` },
  { route: 'get /api/v1/dead-letters', url: '/api/v1/dead-letters' },
  { route: 'post /api/v1/orders/{id}/cancel', url: () => `/api/v1/orders/${orderId}/cancel` },
  { route: 'post /api/v1/orders/cancel-all', url: '/api/v1/orders/cancel-all' },
  // A paper relay has no live trading to arm: the refusal is what this route answers here.
  { route: 'put /api/v1/trading/live', url: '/api/v1/trading/live', body: { armed: true }, refusedWith: 409 },
  { route: 'get /api/v1/positions', url: '/api/v1/positions' },
  { route: 'get /api/v1/positions/by-run', url: '/api/v1/positions/by-run' },
  { route: 'get /api/v1/balances', url: '/api/v1/balances' },
  { route: 'get /api/v1/strategies/{id}/runner', url: '/api/v1/strategies/ema-rsi/runner' },
  { route: 'get /api/v1/strategies/{id}/parity', url: '/api/v1/strategies/ema-rsi/parity' },
  { route: 'post /api/v1/logout', url: '/api/v1/logout' },
];

async function record(where: string, res: Response): Promise<number> {
  seen.push({ where, text: `${JSON.stringify([...res.headers])}\n${await res.text()}` });
  return res.status;
}

async function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Response> {
  return fetch(`${relay.url}${url}`, { method, redirect: 'manual', headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, body });
}

/** Every message a stream sends within `ms` of opening (after `send`, if given). */
function streamMessages(path: string, ms: number, first?: unknown): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const messages: string[] = [];
    const ws = new WebSocket(`${relay.url.replace('http', 'ws')}${path}`, { headers: OPERATOR_AUTH });
    ws.on('message', (data) => messages.push(String(data)));
    ws.on('error', reject);
    ws.on('open', () => {
      if (first !== undefined) ws.send(typeof first === 'string' ? first : JSON.stringify(first));
      setTimeout(() => (ws.close(), resolve(messages)), ms);
    });
  });
}

describe('API keys in the relay environment', () => {
  it('has a request for every mounted route', () => {
    expect(REQUESTS.map((r) => r.route).sort()).toEqual(MOUNTED_ROUTES.map(({ prefix, route }) => `${route.method} ${openApiPath(prefix, route.path)}`).sort());
  });

  it('appear in no HTTP response: answers, refusals and errors of every route', async () => {
    for (const { route, url: target, body, refusedWith } of REQUESTS) {
      const method = route.split(' ')[0]!.toUpperCase();
      const json = body === undefined ? undefined : JSON.stringify(body);
      const url = typeof target === 'string' ? target : target();
      const status = await record(route, await send(url, method, OPERATOR_AUTH, json));
      if (route === 'post /api/v1/strategies/{id}/review-loop') loopId = (JSON.parse(seen.at(-1)!.text.slice(seen.at(-1)!.text.indexOf('\n') + 1)) as { loop: { loopId: string } }).loop.loopId;
      if (route === 'post /api/v1/orders') orderId = (JSON.parse(seen.at(-1)!.text.slice(seen.at(-1)!.text.indexOf('\n') + 1)) as { order: { id: string } }).order.id;
      expect({ route, status: refusedWith === undefined ? status < 400 : status }).toEqual({ route, status: refusedWith ?? true });
      await record(`${route} without credentials`, await send(url, method, {}, json));
      if (json !== undefined) await record(`${route} bad body`, await send(url, method, OPERATOR_AUTH, '{"run":'));
    }
    await record('the SPA', await send('/', 'GET', {}));
    await record('an unknown API route', await send('/api/v1/keys', 'GET', OPERATOR_AUTH));
    expect(seen.length).toBeGreaterThan(REQUESTS.length * 2);
    // The review went to the provider with the key, and nowhere else.
    expect(provider.requests.some((r) => r.headers.authorization === `Bearer ${FAKE_API_KEYS.OPENROUTER_API_KEY}`)).toBe(true);
    for (const { where, text } of seen) expect({ where, leaked: leakedKeys(text) }).toEqual({ where, leaked: [] });
  });

  it('appear in no stream message: market events, status and errors', async () => {
    const multiplexed = await streamMessages('/api/v1/stream', 2500, {
      op: 'subscribe',
      topics: [
        { kind: 'ticker', symbol: 'BTCUSDT' },
        { kind: 'kline', symbol: 'BTCUSDT', interval: '1m' },
      ],
    });
    const ticks = await streamMessages('/api/v1/stream/ticks/BTCUSDT', 1500);
    const refused = await streamMessages('/api/v1/stream', 500, '{not json');
    expect(multiplexed.some((m) => m.includes('"kline"'))).toBe(true);
    expect(ticks.some((m) => m.includes('"ticker"'))).toBe(true);
    expect(refused.some((m) => m.includes('"error"'))).toBe(true);
    expect(leakedKeys([...multiplexed, ...ticks, ...refused].join('\n'))).toEqual([]);
  });

  it('appear in no log line at trace level', () => {
    // Requests, access events and the Bybit adapter's calls were all logged.
    expect(logLines.length).toBeGreaterThan(50);
    expect(logLines.some((line) => line.includes('"level":10'))).toBe(true);
    expect(logLines.filter((line) => leakedKeys(line).length > 0)).toEqual([]);
  });

  it('appear in no audit row, nor anywhere else in the data folder', () => {
    const db = openDatabaseReadOnly(dataDir);
    try {
      const rows = db.prepare('SELECT * FROM audit_log').all();
      expect(rows.length).toBeGreaterThan(5);
      expect(leakedKeys(JSON.stringify(rows))).toEqual([]);
    } finally {
      db.close();
    }
    for (const file of readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
      expect({ file: file.name, leaked: leakedKeys(readFileSync(join(file.parentPath, file.name), 'latin1')) }).toEqual({ file: file.name, leaked: [] });
    }
  });
});
