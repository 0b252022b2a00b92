import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAuditLog } from '../audit/index.ts';
import { startBybitStandIn, type BybitStandIn } from '../bybit-standin/index.ts';
import { createSignedBybitClient } from '../exchange/bybit-private-calls.ts';
import { CircuitBreaker } from '../exchange/circuit-breaker.ts';
import { testSymbol } from '../market/test-symbols.ts';
import { openDatabase, type SqliteDatabase } from '../storage/database.ts';
import { createRunStore } from '../runner/run-store.ts';
import { BybitLiveVenue } from './bybit-live-venue.ts';
import { ExecutionService } from './execution-service.ts';
import { createOrderStore } from './order-store.ts';

let sim: BybitStandIn;
let dir: string;
let db: SqliteDatabase;
const arrived: string[] = [];
beforeAll(async () => {
  sim = await startBybitStandIn({ realSymbols: ['BTCUSDT'], onRestRequest: ({ path }) => void arrived.push(path) });
  dir = mkdtempSync(join(tmpdir(), 'circuit-'));
  db = openDatabase(dir);
});
afterAll(async () => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
  await sim.close();
});

it('refuses a placement with a 503 in words while the Bybit breaker is open: nothing written, nothing sent', async () => {
  const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 60_000, peer: 'Bybit' });
  const venue = new BybitLiveVenue({ client: createSignedBybitClient(sim.restUrl, sim.credentials.apiKey, sim.credentials.apiSecret), breaker, retries: 0 });
  const store = createOrderStore(db);
  const service = new ExecutionService({
    store,
    runs: createRunStore(db),
    venue,
    mode: 'live',
    instrument: async () => testSymbol('BTCUSDT', 'BTC'),
    referencePrice: async () => 100,
    lastPrices: async () => new Map(),
    safeguards: { maxOrderNotional: '5000', dailyLossLimit: '500' },
    audit: createAuditLog(db),
  });
  try {
    // Armed, so the breaker is what refuses.
    service.setLiveArmed(true, 'operator');
    sim.faults.injectRest({ kind: 'server-error', path: '/v5/account/wallet-balance' });
    await expect(venue.snapshot()).rejects.toThrow('HTTP 503');
    expect(service.circuit()).toMatchObject({ state: 'open', lastError: 'Bybit account/wallet-balance: HTTP 503' });
    arrived.length = 0;
    const refused = service.place({ idempotencyKey: 'while-open', symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '1', price: '100', reason: 'test' }, 'operator');
    await expect(refused).rejects.toMatchObject({ status: 503, code: 'circuit_open', message: expect.stringMatching(/^not sent: Bybit circuit breaker is open \(last: Bybit account\/wallet-balance: HTTP 503\); next probe at .+\. Orders are refused until Bybit answers again$/) });
    expect(store.getByKey('while-open')).toBeUndefined();
    expect(arrived).toEqual([]);
  } finally {
    service.close();
  }
});
