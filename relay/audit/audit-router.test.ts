import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../shared/audit/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { createAuditLog, type AuditLog } from './audit-log.ts';
import { createAuditRouter } from './audit-router.ts';

let api: TestApiWithDatabase;
let audit: AuditLog;
let database: Parameters<typeof createAuditLog>[0];

beforeEach(async () => {
  api = await listenWithTempDatabase('audit-router-', (db) => {
    database = db;
    audit = createAuditLog(db);
    return createAuditRouter({ audit });
  });
});

afterEach(() => api.close());

const get = async (query: string) => {
  const res = await fetch(`${api.apiUrl}/audit${query}`);
  return { status: res.status, body: (await res.json()) as unknown };
};

describe('GET /api/v1/audit', () => {
  it('pages newest first by seq cursor with the chain state', async () => {
    for (let i = 0; i < 3; i++) audit.append('config.change', { tradingMode: 'paper', bybitEnv: 'sim' });
    audit.append('drawing.change', { change: 'create', drawingId: 'd1', symbol: 'BTCUSDT', shapeType: 'text' }, 'session-7');

    const first = AuditPageSchema.parse((await get('?limit=3')).body);
    expect(first.entries.map((e) => e.seq)).toEqual([4, 3, 2]);
    expect(first.entries[0]).toMatchObject({ kind: 'drawing.change', actor: 'session-7' });
    expect(first.chain).toEqual({ state: 'intact', rows: 4 });
    const next = AuditPageSchema.parse((await get(`?limit=3&cursor=${first.nextCursor}`)).body);
    expect(next.entries.map((e) => e.seq)).toEqual([1]);
    expect(next.nextCursor).toBeNull();

    const filtered = AuditPageSchema.parse((await get('?kind=drawing.change')).body);
    expect(filtered.entries.map((e) => e.seq)).toEqual([4]);
  });

  it('lists a row edited into unreadable text as unreadable and serves the rest of the page', async () => {
    for (let i = 0; i < 3; i++) audit.append('config.change', { tradingMode: 'paper', bybitEnv: 'sim' });
    // An attacker with the file: triggers dropped, one payload and one kind overwritten.
    database.exec(`DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET payload = 'not json' WHERE seq = 2;
      UPDATE audit_log SET kind = 'order.teleport' WHERE seq = 3;`);
    const res = await get('');
    expect(res.status).toBe(200);
    const page = AuditPageSchema.parse(res.body);
    expect(page.entries.map((e) => e.seq)).toEqual([1]);
    expect(page.unreadable).toEqual([
      { seq: 3, reason: expect.stringMatching(/^kind: /) },
      { seq: 2, reason: 'payload is not JSON' },
    ]);
  });

  it.each([
    ['?kind=order.teleport', /kind must be one of order.intent/],
    ['?limit=0', /limit must be between 1 and 500/],
    ['?limit=ten', /limit must be a whole number/],
    ['?cursor=-1', /cursor must be a whole number/],
    ['?from=yesterday', /from must be an ISO-8601 time/],
    ['?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', /from must not be after to/],
    ['?kind=approval&kind=kill_switch', /kind/],
    ['?bogus=1', /bogus/],
  ])('answers %s with 400 and a message', async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const { error } = ApiErrorSchema.parse(res.body);
    expect(error.code).toBe('invalid_query');
    expect(error.message).toMatch(message);
  });
});
