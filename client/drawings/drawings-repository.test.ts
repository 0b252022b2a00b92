import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newDrawing, reviseDrawing, type Drawing } from '../../shared/drawings/index.ts';
import { createDrawingsRouter, createDrawingsStore, type DrawingsStore } from '../../relay/drawings/index.ts';
import { createAuditLog } from '../../relay/audit/audit-log.ts';
import { listenWithTempDatabase, type TestApi } from '../../relay/http/listen-for-test.ts';
import { createDrawingsApi } from './drawings-api.ts';
import { DrawingsDb } from './drawings-db.ts';
import { createDrawingsRepository, type DrawingsRepository } from './drawings-repository.ts';

// The relay side is the real router over a real SQLite file; only the network link is switchable.
let relay: TestApi;
let relayStore: DrawingsStore;
let baseUrl: string;
let online: boolean;
let requests: string[];
let db: DrawingsDb;
let repo: DrawingsRepository;

const switchableFetch: typeof fetch = async (input, init) => {
  requests.push(`${init?.method ?? 'GET'} ${String(input).replace(baseUrl, '')}`);
  if (!online) throw new TypeError('fetch failed');
  return fetch(input, init);
};

beforeEach(async () => {
  relay = await listenWithTempDatabase('drawings-repo-', (sqlite) => {
    relayStore = createDrawingsStore(sqlite);
    return createDrawingsRouter({ store: relayStore, audit: createAuditLog(sqlite) });
  });
  baseUrl = relay.apiUrl;
  online = true;
  requests = [];
  db = new DrawingsDb(`drawings-test-${crypto.randomUUID()}`);
  repo = createDrawingsRepository({ db, api: createDrawingsApi({ baseUrl, fetch: switchableFetch }) });
});

afterEach(async () => {
  db.close();
  await relay.close();
});

const zone = (symbol = 'BTCUSDT'): Drawing =>
  newDrawing({
    symbol,
    shapeType: 'rectangle',
    points: [
      { time: 1717200000, price: 66000 },
      { time: 1717210800, price: 67000 },
    ],
    style: { color: '#ef5350', lineWidth: 1, fillColor: '#ef535033' },
    label: 'supply',
  });

describe('drawings repository', () => {
  it('stores locally and on the relay when online', async () => {
    const drawing = zone();
    await repo.save(drawing);
    expect(await repo.list('BTCUSDT')).toEqual([drawing]);
    expect(relayStore.list('BTCUSDT')).toEqual([drawing]);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps working offline and delivers queued changes in order once the relay is back', async () => {
    const kept = zone();
    const dropped = zone();
    await repo.save(kept);
    online = false;
    const edited = reviseDrawing(kept, { label: 'edited offline' }, new Date(Date.parse(kept.updatedAt) + 1000));
    await repo.save(edited);
    await repo.save(dropped);
    await repo.remove(dropped.id);
    expect(await repo.list('BTCUSDT')).toEqual([edited]);
    expect(relayStore.list('BTCUSDT')).toEqual([kept]);
    expect(await db.outbox.count()).toBe(2);

    online = true;
    expect(await repo.flush()).toEqual({ pushed: 2, pending: 0, rejected: [] });
    expect(relayStore.list('BTCUSDT')).toEqual([edited]);
    expect(relayStore.events(dropped.id)).toEqual([]); // never reached the relay, so nothing to delete there
    expect(await db.outbox.count()).toBe(0);
  });

  it('survives a page reload: a new repository on the same database still sends the queue', async () => {
    online = false;
    const drawing = zone();
    await repo.save(drawing);
    db.close();
    const reopened = new DrawingsDb(db.name);
    const fresh = createDrawingsRepository({ db: reopened, api: createDrawingsApi({ baseUrl, fetch: switchableFetch }) });
    online = true;
    expect(await fresh.refresh('BTCUSDT')).toEqual([drawing]);
    expect(relayStore.list('BTCUSDT')).toEqual([drawing]);
    db = reopened;
  });

  it('merges drawings made on another device and forgets ones deleted there', async () => {
    const mine = zone();
    await repo.save(mine);
    const other = zone();
    relayStore.upsert(other);
    relayStore.remove(mine.id);
    expect(await repo.refresh('BTCUSDT')).toEqual([other]);
    expect(await repo.list('ETHUSDT')).toEqual([]);
  });

  it('parks a change the relay refuses and keeps sending the rest', async () => {
    const refused = zone();
    // Written around the repository's validation to simulate a record from an older client version.
    await db.outbox.put({
      drawingId: refused.id,
      op: 'put',
      symbol: 'BTCUSDT',
      drawing: { ...refused, label: 'x'.repeat(300) },
      revision: 'old',
      queuedAt: 0,
    });
    const good = zone();
    await repo.save(good);
    expect(relayStore.list('BTCUSDT')).toEqual([good]);
    const parked = await db.outbox.get(refused.id);
    expect(parked?.rejected).toContain('label must be at most 200 characters');
    expect(await repo.flush()).toEqual({ pushed: 0, pending: 0, rejected: [] });
  });

  it('rejects an invalid drawing before touching storage', async () => {
    await expect(repo.save({ ...zone(), style: { color: 'blue', lineWidth: 2, lineStyle: 'solid' } })).rejects.toThrow(/#rrggbb/);
    expect(await db.drawings.count()).toBe(0);
    expect(requests).toEqual([]);
  });
});
