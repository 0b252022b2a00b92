import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { WATCHLIST_MAX, WatchlistResponseSchema } from '../../shared/watchlist/index.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { openDatabase } from '../storage/database.ts';
import { createWatchlistRouter } from './watchlist-router.ts';
import { createWatchlistStore } from './watchlist-store.ts';

let api: TestApiWithDatabase;
let audit: AuditLog;
let clock = 0;

beforeEach(async () => {
  clock = Date.UTC(2026, 11, 1);
  api = await listenWithTempDatabase('watchlist-', (db) => {
    audit = createAuditLog(db);
    return createWatchlistRouter({ store: createWatchlistStore(db), audit, now: () => new Date((clock += 1000)) });
  });
});

afterEach(() => api.close());

const call = async (method: 'GET' | 'PUT' | 'DELETE', symbol = '') => {
  const res = await fetch(`${api.apiUrl}/watchlist${symbol === '' ? '' : `/${symbol}`}`, { method });
  return { status: res.status, body: (await res.json()) as unknown };
};
const symbolsOf = (body: unknown) => WatchlistResponseSchema.parse(body).symbols;
const watchlistAudit = () =>
  audit.page(AuditQuerySchema.parse({ kind: 'watchlist.change' })).entries.map((e) => e.payload).reverse();

describe('watchlist HTTP API', () => {
  it('stars symbols in order, keeps them in the database and audits each change once', async () => {
    expect(symbolsOf((await call('GET')).body)).toEqual([]);
    await call('PUT', 'SOLUSDT');
    const added = await call('PUT', 'BTCUSDT');
    expect(added.status).toBe(200);
    expect(symbolsOf(added.body)).toEqual(['SOLUSDT', 'BTCUSDT']);
    // Starring again changes nothing and records nothing.
    expect(symbolsOf((await call('PUT', 'SOLUSDT')).body)).toEqual(['SOLUSDT', 'BTCUSDT']);
    expect(symbolsOf((await call('DELETE', 'SOLUSDT')).body)).toEqual(['BTCUSDT']);
    expect(watchlistAudit()).toEqual([
      { change: 'add', symbol: 'SOLUSDT' },
      { change: 'add', symbol: 'BTCUSDT' },
      { change: 'remove', symbol: 'SOLUSDT' },
    ]);
    const reopened = openDatabase(api.dataDir);
    try {
      expect(createWatchlistStore(reopened).list()).toEqual(['BTCUSDT']);
    } finally {
      reopened.close();
    }
  });

  it('refuses malformed symbols, unknown removals and a full list with the reason', async () => {
    const lower = await call('PUT', 'btcusdt');
    expect(lower.status).toBe(400);
    expect(ApiErrorSchema.parse(lower.body).error).toMatchObject({ code: 'invalid_symbol', message: expect.stringMatching(/upper-case/) });

    const missing = await call('DELETE', 'ETHBTC');
    expect(missing.status).toBe(404);
    expect(ApiErrorSchema.parse(missing.body).error.code).toBe('not_on_watchlist');

    for (let i = 0; i < WATCHLIST_MAX; i++) await call('PUT', `SYM${i}USDT`);
    const full = await call('PUT', 'ONEMOREUSDT');
    expect(full.status).toBe(409);
    expect(ApiErrorSchema.parse(full.body).error.code).toBe('watchlist_full');
    // A symbol already starred is still fine on a full list.
    expect((await call('PUT', 'SYM0USDT')).status).toBe(200);
  });
});
