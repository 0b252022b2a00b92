import 'fake-indexeddb/auto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionListResponseSchema } from '../../shared/strategy-versions/index.ts';
import { createAuditLog } from '../../relay/audit/audit-log.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../../relay/http/listen-for-test.ts';
import { createStrategiesRouter, openStrategyVersions } from '../../relay/strategies/index.ts';
import { requestJson } from '../market/api-client.ts';
import { createVersionsMirror, VersionsDb } from './versions-mirror.ts';

// The real versions router over a real SQLite file; only the browser's link to it is switchable.
let relay: TestApiWithDatabase;
let online = true;
const switchableFetch: typeof fetch = async (input, init) => {
  if (!online) throw new TypeError('fetch failed');
  return fetch(input, init);
};
const list = async (strategyId: string) => (await requestJson(`${relay.apiUrl}/strategies/${strategyId}/versions`, VersionListResponseSchema, switchableFetch)).versions;
const draft = (fastPeriod: number) =>
  fetch(`${relay.apiUrl}/strategies/ema-rsi/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ params: { fastPeriod }, market: { symbol: 'BTCUSDT', interval: '1m' } }),
  });

beforeAll(async () => {
  relay = await listenWithTempDatabase('versions-mirror-', (db) => createStrategiesRouter({ versions: openStrategyVersions({ db, audit: createAuditLog(db), logger: pino({ level: 'silent' }) }) }));
});
afterAll(() => relay.close());

describe('the browser’s copy of the versions', () => {
  it('shows the relay’s answer and keeps it; an unreachable relay shows the last copy and says why', async () => {
    expect((await draft(10)).status).toBe(201);
    const read = createVersionsMirror(new VersionsDb(`versions-${crypto.randomUUID()}`), list);
    const fresh = await read('ema-rsi');
    expect(fresh).toMatchObject({ from: 'relay', problem: null });
    expect(fresh.versions.map((v) => v.version)).toEqual([1]);

    online = false;
    const offline = await read('ema-rsi');
    expect(offline.from).toBe('mirror');
    expect(offline.problem).toMatch(/relay unreachable/);
    expect(offline.versions).toEqual(fresh.versions);

    // Back online, the copy follows the relay again, including versions made meanwhile elsewhere.
    online = true;
    expect((await draft(11)).status).toBe(201);
    expect((await read('ema-rsi')).versions.map((v) => v.version).sort()).toEqual([1, 2]);
    online = false;
    expect((await read('ema-rsi')).versions.map((v) => v.version).sort()).toEqual([1, 2]);
    online = true;
  });

  it('passes on an error the relay answered instead of hiding it behind the copy', async () => {
    const read = createVersionsMirror(new VersionsDb(`versions-${crypto.randomUUID()}`), list);
    await expect(read('no-such-strategy')).rejects.toThrow(/no-such-strategy|unknown/);
  });
});
