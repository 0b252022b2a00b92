import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { OrderListResponseSchema, type OrderRecord } from '../../shared/execution/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import { OPERATOR_AUTH, TEST_OPERATOR_TOKEN } from '../access/test-access.ts';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { auditIntents } from './intents-vs-exchange.ts';

/**
 * Issue 12: the relay, a process of its own in live mode over a stand-in in this one, is killed
 * with SIGKILL while placements are in flight, and started again on the same SQLite file. Its
 * start-up settlement must leave no duplicate, no intent unresolved and no exchange order without
 * an intent.
 */
const credentials = { apiKey: 'sigkill-test-key', apiSecret: 'sigkill-test-secret-0123456789abcd' };
/** Creates the stand-in holds back while the relay is killed; they land on the exchange after it died. */
const DELAYED = 6;
/** Placed while the stand-in is offline: intents whose create never reached Bybit. */
const UNSENT = 4;

let sim: BybitStandIn;
let dataDir: string;
let relay: { child: ChildProcess; url: string } | null = null;
/** order/create requests the stand-in served (its offline mode drops them after onRestRequest). */
let creates = 0;
let offline = false;
const setOffline = (value: boolean) => {
  offline = value;
  sim.setOffline(value);
};

/** `relay/main.ts` as the trader runs it; its URL is read from the sign-in line it prints. */
async function startRelayProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      // Any network but sim (which starts a stand-in of its own), its URLs pointed at this test's stand-in.
      BYBIT_ENV: 'mainnet',
      BYBIT_REST_URL: sim.restUrl,
      BYBIT_WS_PUBLIC_URL: sim.wsPublicSpotUrl,
      TRADING_MODE: 'live',
      LIVE_TRADING_CONFIRM: 'yes',
      BYBIT_API_KEY: credentials.apiKey,
      BYBIT_API_SECRET: credentials.apiSecret,
      OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`relay exited with ${code} before listening`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const found = /open (http:\/\/\S+)\/login/.exec(line);
      if (found) resolve(found[1]!);
    });
  });
  return { child, url };
}

async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${relay!.url}/api/v1${path}`, {
    method,
    headers: { ...OPERATOR_AUTH, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}

const intents = async (): Promise<OrderRecord[]> => OrderListResponseSchema.parse((await api('GET', '/orders')).body).orders;

beforeAll(async () => {
  sim = await startBybitStandIn({ realSymbols: ['BTCUSDT'], ...credentials, onRestRequest: ({ path }) => void (path === '/v5/order/create' && !offline && (creates += 1)) });
  dataDir = mkdtempSync(join(tmpdir(), 'relay-sigkill-'));
  relay = await startRelayProcess();
}, 60_000);

afterAll(async () => {
  if (relay && relay.child.exitCode === null) {
    const exited = new Promise((resolve) => relay!.child.once('exit', resolve));
    relay.child.kill('SIGTERM');
    await exited;
  }
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

it('settles every intent to the exchange\'s truth after a SIGKILL mid-placement: no duplicate, none lost', async () => {
  const { result } = await new RestClientV5({ baseUrl: sim.restUrl }).getTickers({ category: 'spot', symbol: 'BTCUSDT' });
  const price = fixedText((fixed(result.list[0]!.bid1Price) / 2n / fixed('0.01')) * fixed('0.01'));
  // Live orders wait for an operator to arm live trading; a restart disarms, and settlement needs no arming.
  expect((await api('PUT', '/trading/live', { armed: true })).status).toBe(200);
  const place = (key: string) => api('POST', '/orders', { idempotencyKey: key, symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.001', price, reason: 'sigkill test' }).catch(() => null);

  // Held longer than the relay would wait for them: they are in flight when it dies.
  sim.faults.injectRest({ kind: 'delay', path: '/v5/order/create', delayMs: 4_000, times: DELAYED });
  for (let i = 0; i < DELAYED; i++) void place(`kill-delayed-${i}`);
  await vi.waitUntil(() => creates === DELAYED, { timeout: 20_000, interval: 20 });
  setOffline(true);
  for (let i = 0; i < UNSENT; i++) void place(`kill-unsent-${i}`);
  await vi.waitUntil(async () => (await intents()).length === DELAYED + UNSENT, { timeout: 20_000, interval: 50 });

  const { child } = relay!;
  const killed = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  child.kill('SIGKILL');
  expect(await killed).toBe('SIGKILL');
  setOffline(false);
  // The held creates are carried out with nobody left to hear the answer.
  await vi.waitUntil(() => sim.exchange.allOrders().length === DELAYED, { timeout: 20_000, interval: 20 });

  relay = await startRelayProcess();
  await vi.waitUntil(async () => (await intents()).every((o) => o.status !== 'submitting' && o.status !== 'unknown'), { timeout: 30_000, interval: 100 });
  const settled = await intents();
  const onExchange = sim.exchange.allOrders().map((r) => ({ orderLinkId: r.order.orderLinkId, orderId: r.order.orderId, status: r.order.status }));
  expect(settled).toHaveLength(DELAYED + UNSENT);
  expect(auditIntents(settled, onExchange)).toEqual({ duplicates: 0, unsettled: 0, orphans: 0, mismatches: [] });
  expect(settled.filter((o) => o.status === 'new').map((o) => o.idempotencyKey).sort()).toEqual(Array.from({ length: DELAYED }, (_, i) => `kill-delayed-${i}`));
  expect(settled.filter((o) => o.status === 'rejected')).toHaveLength(UNSENT);
  // Settled by query, never sent again.
  expect(creates).toBe(DELAYED);
}, 120_000);
