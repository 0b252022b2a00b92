import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { newDrawing } from '../../shared/drawings/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { parseConfig } from '../config.ts';
import { InMemoryMarketGateway } from '../market/in-memory-market-gateway.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { startRelay, type RunningRelay } from '../server.ts';
import type { AccessEvent } from './access-event.ts';
import { rawRequest } from './raw-request.ts';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from './test-access.ts';

/** A page on another site (or a rebinding name) trying each write and stream of the real relay. */
const events: AccessEvent[] = [];
let relay: RunningRelay;
let dataDir: string;
let host: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'relay-origin-'));
  const config = parseConfig({ PORT: '0', BYBIT_ENV: 'sim', DATA_DIR: dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: TEST_OPERATOR_TOKEN });
  relay = await startRelay(config, {
    gateway: new InMemoryMarketGateway([testSymbol('BTCUSDT', 'BTC')]),
    logger: pino({ level: 'silent' }),
    distDir: join(dataDir, 'no-dist'),
    recordAccessEvent: (event) => events.push(event),
  });
  host = new URL(relay.url).host;
});

afterAll(async () => {
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const drawing = newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 1 }] });
const simulation = backtestRecord((await backtestReport(btcColumns(300), strategyEntry('ema-rsi').bind({ fastPeriod: 9 }), BTC_CONFIG)).report);

const WRITES = [
  { method: 'PUT', path: `/api/v1/drawings/${drawing.id}`, body: JSON.stringify(drawing) },
  { method: 'DELETE', path: `/api/v1/drawings/${drawing.id}`, body: '' },
  { method: 'POST', path: `/api/v1/strategies/${simulation.run.strategy.id}/simulate`, body: JSON.stringify(simulation) },
];

/** Each forged request: the headers a browser would send for it. */
const ATTACKS: { name: string; status: number; code: string; headers: () => Record<string, string> }[] = [
  { name: 'DNS rebinding (foreign Host)', status: 421, code: 'misdirected_host', headers: () => ({ host: 'evil.example:' + relay.port, 'content-type': 'application/json' }) },
  { name: 'foreign Origin', status: 403, code: 'foreign_origin', headers: () => ({ host, origin: 'http://evil.example', 'content-type': 'application/json' }) },
  {
    name: 'cross-site text/plain post',
    status: 403,
    code: 'foreign_origin',
    headers: () => ({ host, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain', cookie: 'relay_session=x' }),
  },
  {
    name: 'cross-site form post without Origin',
    status: 403,
    code: 'foreign_origin',
    headers: () => ({ host, 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' }),
  },
  {
    name: 'cookie write without Origin',
    status: 403,
    code: 'foreign_origin',
    headers: () => ({ host, 'content-type': 'application/json', cookie: 'relay_session=x' }),
  },
  { name: 'opaque (null) Origin', status: 403, code: 'foreign_origin', headers: () => ({ host, origin: 'null', 'content-type': 'application/json' }) },
];

describe('forged writes are refused with nothing written', () => {
  for (const attack of ATTACKS) {
    for (const write of WRITES) {
      it(`${attack.name}: ${write.method} ${write.path.replace(/\/[^/]*-[^/]*$/, '/:id')}`, async () => {
        const before = events.length;
        const res = await rawRequest(relay.url + write.path, { method: write.method, headers: attack.headers(), body: write.body });
        expect(res.status).toBe(attack.status);
        expect(ApiErrorSchema.parse(JSON.parse(res.body)).error.code).toBe(attack.code);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
        expect(events.slice(before)).toEqual([expect.objectContaining({ kind: 'refusal', reason: attack.code, status: attack.status, method: write.method })]);
      });
    }
  }

  it('left no drawing and no simulation run behind', async () => {
    const drawings = await fetch(`${relay.url}/api/v1/drawings?symbol=BTCUSDT`, { headers: OPERATOR_AUTH });
    expect(await drawings.json()).toEqual({ drawings: [], skipped: [] });
    expect((await fetch(`${relay.url}/api/v1/simulations/${simulation.runId}`, { headers: OPERATOR_AUTH })).status).toBe(404);
  });
});

describe('reads and the SPA', () => {
  it('answer a foreign Host with 421 too, so a rebinding page cannot read market data or drawings', async () => {
    for (const path of ['/api/v1/status', '/api/v1/drawings?symbol=BTCUSDT', '/']) {
      const res = await rawRequest(relay.url + path, { headers: { host: 'evil.example:' + relay.port } });
      expect(res.status, path).toBe(421);
    }
  });

  it('carry the security headers and no CORS headers', async () => {
    const res = await rawRequest(`${relay.url}/api/v1/status`, { headers: { host, origin: 'http://evil.example' } });
    expect(res.status).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('let a same-origin write through', async () => {
    const res = await rawRequest(relay.url + WRITES[0]!.path, {
      method: 'PUT',
      headers: { host, origin: relay.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...OPERATOR_AUTH },
      body: WRITES[0]!.body,
    });
    expect(res.status).toBe(201);
  });
});

describe('WebSocket upgrades', () => {
  const upgrade = (headers: Record<string, string>) =>
    new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`${relay.url.replace('http', 'ws')}/api/v1/stream`, { headers });
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', reject);
    });

  it('refuses a foreign Host with 421 and a foreign Origin with 403', async () => {
    expect(await upgrade({ host: 'evil.example:' + relay.port })).toBe(421);
    expect(await upgrade({ origin: 'http://evil.example' })).toBe(403);
    expect(await upgrade({ origin: 'null' })).toBe(403);
  });

  it('accepts the relay page', async () => {
    expect(await upgrade({ origin: relay.url, ...OPERATOR_AUTH })).toBe(101);
  });
});
