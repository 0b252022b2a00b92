import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChartLayout } from '../../shared/layouts/index.ts';
import { listenWithTempDatabase, type TestApi } from '../../relay/http/listen-for-test.ts';
import { createLayoutsRouter, createLayoutsStore } from '../../relay/layouts/index.ts';
import { createLayoutsApi } from './layouts-api.ts';
import { LayoutDb } from './layout-db.ts';
import { createLayoutRepository, type LayoutRepository } from './layout-repository.ts';

// The relay side is the real router over a real SQLite file; only the network link is switchable.
let relay: TestApi;
let online: boolean;
let dbs: LayoutDb[];

const switchableFetch: typeof fetch = async (input, init) => {
  if (!online) throw new TypeError('fetch failed');
  return fetch(input, init);
};

/** A browser: its own IndexedDB, the shared relay. */
function browser(): LayoutRepository {
  const db = new LayoutDb(`layouts-${crypto.randomUUID()}`);
  dbs.push(db);
  return createLayoutRepository({ db, api: createLayoutsApi(switchableFetch, relay.apiUrl) });
}

const key = { symbol: 'BTCUSDT', interval: '1m' } as const;
const layout = (updatedAt: string, volumeProfile = true): ChartLayout => ({
  ...key,
  indicators: [{ id: 'ema-1', spec: { name: 'ema', params: { period: 20 } }, visible: true, color: '#f5a623' }],
  paneStretch: null,
  volumeProfile,
  updatedAt,
});

beforeEach(async () => {
  relay = await listenWithTempDatabase('layouts-repo-', (sqlite) => createLayoutsRouter({ store: createLayoutsStore(sqlite) }));
  online = true;
  dbs = [];
});

afterEach(async () => {
  for (const db of dbs) await db.delete();
  await relay.close();
});

describe('layout repository', () => {
  it('gives a fresh browser the layout another browser saved', async () => {
    await browser().save(layout('2026-11-02T10:00:00.000Z'));
    const fresh = browser();
    expect((await fresh.load(key)).indicators).toEqual([]);
    expect(await fresh.refresh(key)).toEqual(layout('2026-11-02T10:00:00.000Z'));
    // Now kept locally too, for offline opens.
    online = false;
    expect(await fresh.load(key)).toEqual(layout('2026-11-02T10:00:00.000Z'));
  });

  it('keeps an offline edit locally and sends it on the next refresh', async () => {
    const repo = browser();
    online = false;
    await expect(repo.save(layout('2026-11-02T10:00:00.000Z'))).rejects.toThrow(/relay unreachable/);
    expect((await repo.load(key)).volumeProfile).toBe(true);
    online = true;
    await repo.refresh(key);
    expect(await browser().refresh(key)).toEqual(layout('2026-11-02T10:00:00.000Z'));
  });

  it('lets the newer of the browser and relay copies win', async () => {
    const a = browser();
    const b = browser();
    await a.save(layout('2026-11-02T10:00:00.000Z', true));
    await b.save(layout('2026-11-02T11:00:00.000Z', false));
    expect((await a.refresh(key)).volumeProfile).toBe(false);
  });
});
