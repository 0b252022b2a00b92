import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SessionResponseSchema } from '../../shared/access/index.ts';
import { AuditPageSchema } from '../../shared/audit/index.ts';
import { newDrawing } from '../../shared/drawings/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { parseConfig, type RelayConfig } from '../config.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { createLogger } from '../observability/logger.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import type { AccessEvent } from './access-event.ts';
import { OPERATOR_TOKEN_FILE } from './operator-token-file.ts';
import { runTokenCommand } from './token-commands.ts';

/** Credentials against the real relay: a first start with no token, as the trader gets it. */
const events: AccessEvent[] = [];
const logLines: string[] = [];
let relay: RunningRelay;
let dataDir: string;
let config: RelayConfig;
let operatorToken: string;
let viewerToken: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-roles-'));
  config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'debug' });
  const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (logLines.push(String(chunk)), done()) });
  relay = await startRelay(config, {
    gateway: new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]),
    logger: createLogger('debug', sink),
    distDir: join(dataDir, 'no-dist'),
    recordAccessEvent: (event) => events.push(event),
  });
  operatorToken = readFileSync(join(dataDir, OPERATOR_TOKEN_FILE), 'utf8').trim();
  viewerToken = new URL(runTokenCommand('viewer', { ...config, port: relay.port }, (e) => events.push(e))).searchParams.get('token')!;
});

afterAll(async () => {
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const drawing = newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 1 }] });
const putDrawing = (headers: Record<string, string>) =>
  fetch(`${relay.url}/api/v1/drawings/${drawing.id}`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(drawing) });
const WRITES: [string, string, string][] = [
  ['PUT', `/api/v1/drawings/${drawing.id}`, JSON.stringify(drawing)],
  ['DELETE', `/api/v1/drawings/${drawing.id}`, ''],
  ['POST', '/api/v1/strategies/ema-rsi/simulate', '{}'],
];

async function loginLink(token: string): Promise<{ status: number; location: string | null; cookie: string }> {
  const res = await fetch(`${relay.url}/login?token=${encodeURIComponent(token)}`, { redirect: 'manual' });
  return { status: res.status, location: res.headers.get('location'), cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
}

describe('first start', () => {
  it('writes a private operator token and prints it only in the login URL', () => {
    expect(statSync(join(dataDir, OPERATOR_TOKEN_FILE)).mode & 0o777).toBe(0o600);
    expect(operatorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(relay.loginUrl).toBe(`${relay.url}/login?token=${operatorToken}`);
  });
});

describe('refused writes leave nothing behind', () => {
  const cases: [string, () => Record<string, string>, number, string][] = [
    ['no credentials', () => ({}), 401, 'unauthenticated'],
    ['an invalid bearer token', () => bearer('not-a-token'), 401, 'unauthenticated'],
    ['an unknown session cookie', () => ({ cookie: 'relay_session=forged', origin: relay.url }), 401, 'unauthenticated'],
    ['a viewer token', () => bearer(viewerToken), 403, 'forbidden'],
  ];
  for (const [what, headers, status, code] of cases) {
    it(`${what}: every write is ${status}`, async () => {
      for (const [method, path, body] of WRITES) {
        const before = events.length;
        const res = await fetch(relay.url + path, { method, headers: { 'content-type': 'application/json', ...headers() }, ...(body ? { body } : {}) });
        expect({ path, status: res.status }).toEqual({ path, status });
        expect(ApiErrorSchema.parse(await res.json()).error.code).toBe(code);
        expect(events.slice(before)).toEqual([expect.objectContaining({ kind: 'refusal', reason: code, status, method })]);
      }
    });
  }

  it('a viewer may read drawings, an anonymous caller only market data', async () => {
    expect((await fetch(`${relay.url}/api/v1/drawings?symbol=BTCUSDT`, { headers: bearer(viewerToken) })).status).toBe(200);
    expect((await fetch(`${relay.url}/api/v1/drawings?symbol=BTCUSDT`)).status).toBe(401);
    expect((await fetch(`${relay.url}/api/v1/status`)).status).toBe(200);
    const stored = await fetch(`${relay.url}/api/v1/drawings?symbol=BTCUSDT`, { headers: bearer(operatorToken) });
    expect(await stored.json()).toEqual({ drawings: [], skipped: [] });
  });

  it('a stream needs a viewer', async () => {
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/api/v1/stream`, { headers });
        ws.on('open', () => (ws.close(), resolve(101)));
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', reject);
      });
    expect(await status({})).toBe(401);
    expect(await status(bearer('nope'))).toBe(401);
    expect(await status(bearer(viewerToken))).toBe(101);
  });
});

describe('sessions', () => {
  it('the login link sets a strict HttpOnly cookie and redirects to / without the token; the session can write', async () => {
    const res = await fetch(`${relay.url}/login?token=${operatorToken}`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    expect(res.headers.get('set-cookie')).toMatch(/^relay_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    const session = await fetch(`${relay.url}/api/v1/session`, { headers: { cookie } });
    expect(SessionResponseSchema.parse(await session.json())).toEqual({ role: 'operator' });
    expect((await putDrawing({ cookie, origin: relay.url })).status).toBe(201);
    expect((await fetch(`${relay.url}/api/v1/session`)).status).toBe(200);
    expect(await (await fetch(`${relay.url}/api/v1/session`)).json()).toEqual({ role: null });
  });

  it('a bad login link or pasted token is a 401', async () => {
    expect((await loginLink('wrong')).status).toBe(401);
    const res = await fetch(`${relay.url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: relay.url }, body: JSON.stringify({ token: 'wrong' }) });
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('invalid_token');
  });

  it('a pasted viewer token signs in as viewer, whose writes are 403; logout ends the session', async () => {
    const res = await fetch(`${relay.url}/api/v1/login`, { method: 'POST', headers: { 'content-type': 'application/json', origin: relay.url }, body: JSON.stringify({ token: viewerToken }) });
    expect(await res.json()).toEqual({ role: 'viewer' });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    expect((await putDrawing({ cookie, origin: relay.url })).status).toBe(403);
    await fetch(`${relay.url}/api/v1/logout`, { method: 'POST', headers: { cookie, origin: relay.url } });
    expect(await (await fetch(`${relay.url}/api/v1/session`, { headers: { cookie } })).json()).toEqual({ role: null });
  });

  it('rotation from the CLI signs every browser out of the running relay and retires the old token', async () => {
    const { cookie } = await loginLink(operatorToken);
    const next = new URL(runTokenCommand('rotate', { ...config, port: relay.port }, (e) => events.push(e))).searchParams.get('token')!;
    expect(readFileSync(join(dataDir, OPERATOR_TOKEN_FILE), 'utf8').trim()).toBe(next);
    expect((await putDrawing({ cookie, origin: relay.url })).status).toBe(401);
    expect((await putDrawing(bearer(operatorToken))).status).toBe(401);
    expect((await putDrawing(bearer(next))).status).toBe(200);
    expect(events).toContainEqual(expect.objectContaining({ kind: 'token_rotation', role: 'operator' }));
    operatorToken = next;
  });

  it('no token or session id reaches a log line', () => {
    const log = logLines.join('');
    expect(log).toContain('/login?token=[redacted]');
    for (const secret of [operatorToken, viewerToken]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/relay_session=[\w-]{20,}/);
  });
});

describe('the audit trail', () => {
  it('holds the refusals and sign-ins of this relay, without any token', async () => {
    await putDrawing(bearer('not-a-token'));
    await loginLink(operatorToken);
    const read = async (kind: string) => {
      const res = await fetch(`${relay.url}/api/v1/audit?kind=${kind}`, { headers: bearer(operatorToken) });
      expect(res.status).toBe(200);
      return AuditPageSchema.parse(await res.json());
    };
    const refusals = await read('access.refusal');
    expect(refusals.entries[0]?.payload).toEqual({ reason: 'unauthenticated', status: 401, method: 'PUT', path: `/api/v1/drawings/${drawing.id}`, role: null });
    expect((await read('access.login')).entries[0]?.payload).toEqual({ role: 'operator' });
    expect((await read('access.token_rotation')).entries.length).toBeGreaterThan(0);
    const everything = JSON.stringify((await read('access.refusal')).entries) + JSON.stringify((await read('access.login')).entries);
    expect(everything).not.toContain(operatorToken);
    expect(everything).not.toContain(viewerToken);
  });
});
