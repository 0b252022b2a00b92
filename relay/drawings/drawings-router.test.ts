import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ListDrawingsResponseSchema, newDrawing, type Drawing } from '../../shared/drawings/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { createAuditLog, type AuditLog } from '../audit/audit-log.ts';
import { AuditQuerySchema } from '../../shared/audit/index.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { openDatabase } from '../storage/database.ts';
import { createDrawingsRouter } from './drawings-router.ts';
import { createDrawingsStore, type DrawingsStore } from './drawings-store.ts';

let api: TestApiWithDatabase;
let store: DrawingsStore;
let audit: AuditLog;
let baseUrl: string;

beforeEach(async () => {
  api = await listenWithTempDatabase('drawings-', (db) => {
    store = createDrawingsStore(db);
    audit = createAuditLog(db);
    return createDrawingsRouter({ store, audit });
  });
  baseUrl = api.apiUrl;
});

afterEach(() => api.close());

function put(drawing: unknown, id = (drawing as Drawing).id): Promise<Response> {
  return fetch(`${baseUrl}/drawings/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(drawing),
  });
}

const trend = (symbol = 'BTCUSDT'): Drawing =>
  newDrawing({
    symbol,
    shapeType: 'trendline',
    points: [
      { time: 1717200000, price: 67000 },
      { time: 1717207200, price: 68000 },
    ],
    style: { color: '#26a69a', lineWidth: 3 },
    label: 'support',
  });

describe('drawings HTTP API', () => {
  it('creates with 201, replaces with 200 and lists by symbol', async () => {
    const btc = trend();
    const eth = trend('ETHUSDT');
    expect((await put(btc)).status).toBe(201);
    expect((await put(eth)).status).toBe(201);
    const moved = { ...btc, label: 'broken support', updatedAt: new Date(Date.parse(btc.updatedAt) + 1000).toISOString() };
    const replaced = await put(moved);
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).toEqual({ drawing: moved, created: false });

    const list = await fetch(`${baseUrl}/drawings?symbol=BTCUSDT`);
    expect(list.status).toBe(200);
    expect(await list.json()).toEqual({ drawings: [moved], skipped: [] });
  });

  it('persists across a reopened database', async () => {
    const drawing = trend();
    await put(drawing);
    api.db.close();
    const reopened = openDatabase(api.dataDir);
    try {
      expect(createDrawingsStore(reopened).list('BTCUSDT')).toEqual([drawing]);
    } finally {
      reopened.close();
    }
  });

  it('answers 400 with the failing field for an invalid body', async () => {
    const res = await put({ ...trend(), points: [{ time: 1717200000, price: 1 }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_drawing', message: 'invalid drawing: points: a trendline needs exactly 2 point(s), got 1', requestId: expect.any(String) },
    });
  });

  it('answers 400 for malformed JSON and for a path id that differs from the body id', async () => {
    const malformed = await fetch(`${baseUrl}/drawings/${crypto.randomUUID()}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: '{"id":',
    });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).error.code).toBe('invalid_json');

    const drawing = trend();
    const mismatch = await put(drawing, crypto.randomUUID());
    expect(mismatch.status).toBe(400);
    expect((await mismatch.json()).error.message).toContain('does not match path id');
  });

  it('answers 400 when the symbol query is missing', async () => {
    const res = await fetch(`${baseUrl}/drawings`);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual({ code: 'invalid_query', message: expect.stringContaining('symbol'), requestId: expect.any(String) });
  });

  it('deletes a known drawing and answers 404 for an unknown one', async () => {
    const drawing = trend();
    await put(drawing);
    const deleted = await fetch(`${baseUrl}/drawings/${drawing.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ deleted: true, id: drawing.id });
    const again = await fetch(`${baseUrl}/drawings/${drawing.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({ error: { code: 'unknown_drawing', message: `no drawing with id ${drawing.id}`, requestId: expect.any(String) } });
    expect(await (await fetch(`${baseUrl}/drawings?symbol=BTCUSDT`)).json()).toEqual({ drawings: [], skipped: [] });
  });

  it('serves the readable drawings of a symbol and names the stored rows that fail the contract', async () => {
    const good = trend();
    await put(good);
    const insert = api.db.prepare("INSERT INTO drawings (id, symbol, json, updated_at) VALUES (?, 'BTCUSDT', ?, 'then')");
    insert.run('not-json', '{"id":');
    insert.run('not-a-drawing', JSON.stringify({ ...good, id: 'not-a-drawing', points: [] }));
    const res = await fetch(`${baseUrl}/drawings?symbol=BTCUSDT`);
    expect(res.status).toBe(200);
    const body = ListDrawingsResponseSchema.parse(await res.json());
    expect(body.drawings).toEqual([good]);
    expect(body.skipped.map((s) => s.id).sort()).toEqual(['not-a-drawing', 'not-json']);
    expect(body.skipped.every((s) => s.reason.length > 0)).toBe(true);

    const deleteCorrupt = await fetch(`${baseUrl}/drawings/not-json`, { method: 'DELETE' });
    expect(deleteCorrupt.status).toBe(409);
    expect(ApiErrorSchema.parse(await deleteCorrupt.json()).error.code).toBe('unreadable_drawing');
  });

  it('applies its own 64 kb body limit: a 100 kb drawing is a 413', async () => {
    const res = await put({ ...trend(), label: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('body_too_large');
  });

  it('answers 400 for an id that is not valid percent-encoding and 415 for a body that is not JSON', async () => {
    const badEscape = await fetch(`${baseUrl}/drawings/%E0%A4%A`, { method: 'DELETE' });
    expect(badEscape.status).toBe(400);
    expect(ApiErrorSchema.parse(await badEscape.json()).error.code).toBe('invalid_path');
    const drawing = trend();
    const text = await fetch(`${baseUrl}/drawings/${drawing.id}`, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(drawing) });
    expect(text.status).toBe(415);
    expect(ApiErrorSchema.parse(await text.json()).error.code).toBe('unsupported_media_type');
  });

  it('keeps an append-only audit trail of create, update and delete', async () => {
    const drawing = trend();
    await put(drawing);
    await put({ ...drawing, label: 'edited' });
    await fetch(`${baseUrl}/drawings/${drawing.id}`, { method: 'DELETE' });
    const events = store.events(drawing.id);
    expect(events.map((e) => e.kind)).toEqual(['create', 'update', 'delete']);
    expect(events[1]?.drawing.label).toBe('edited');
    expect(events[2]?.drawing.label).toBe('edited');
    expect(events.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('records every create, update and delete in the audit log, and nothing for refused requests', async () => {
    const drawing = trend();
    await put(drawing);
    await put({ ...drawing, label: 'edited' });
    await put({ ...drawing, points: [] });
    await fetch(`${baseUrl}/drawings/${drawing.id}`, { method: 'DELETE' });
    await fetch(`${baseUrl}/drawings/${drawing.id}`, { method: 'DELETE' });
    const { entries } = audit.page(AuditQuerySchema.parse({}));
    const change = (c: string) => ({ change: c, drawingId: drawing.id, symbol: 'BTCUSDT', shapeType: 'trendline' });
    expect(entries.map((e) => [e.kind, e.payload])).toEqual([
      ['drawing.change', change('delete')],
      ['drawing.change', change('update')],
      ['drawing.change', change('create')],
    ]);
    expect(audit.verify()).toEqual({ state: 'intact', rows: 3 });
  });
});
