import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LayoutResponseSchema, type ChartLayout } from '../../shared/layouts/index.ts';
import { listenWithTempDatabase, type TestApiWithDatabase } from '../http/listen-for-test.ts';
import { createLayoutsRouter } from './layouts-router.ts';
import { createLayoutsStore } from './layouts-store.ts';

let api: TestApiWithDatabase;

beforeEach(async () => {
  api = await listenWithTempDatabase('layouts-', (db) => createLayoutsRouter({ store: createLayoutsStore(db) }));
});

afterEach(() => api.close());

const layout = (change: Partial<ChartLayout> = {}): ChartLayout => ({
  symbol: 'BTCUSDT',
  interval: '5m',
  indicators: [{ id: 'ema-1', spec: { name: 'ema', params: { period: 20 } }, visible: true, color: '#f5a623' }],
  volumeProfile: true,
  paneStretch: null,
  updatedAt: '2026-11-02T10:00:00.000Z',
  ...change,
});

const put = (body: unknown, path = 'BTCUSDT/5m', raw?: string) =>
  fetch(`${api.apiUrl}/layouts/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) });

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('layouts HTTP API', () => {
  it('stores a layout per symbol and interval and gives it back', async () => {
    expect((await put(layout())).status).toBe(200);
    expect((await put(layout({ interval: '1h', volumeProfile: false, indicators: [] }), 'BTCUSDT/1h')).status).toBe(200);
    const res = await fetch(`${api.apiUrl}/layouts/BTCUSDT/5m`);
    expect(res.status).toBe(200);
    expect(LayoutResponseSchema.parse(await res.json()).layout).toEqual(layout());
    const hour = LayoutResponseSchema.parse(await (await fetch(`${api.apiUrl}/layouts/BTCUSDT/1h`)).json()).layout;
    expect(hour?.volumeProfile).toBe(false);
  });

  it('replaces the saved layout', async () => {
    await put(layout());
    await put(layout({ volumeProfile: false, updatedAt: '2026-11-02T11:00:00.000Z' }));
    const saved = LayoutResponseSchema.parse(await (await fetch(`${api.apiUrl}/layouts/BTCUSDT/5m`)).json()).layout;
    expect(saved).toMatchObject({ volumeProfile: false, updatedAt: '2026-11-02T11:00:00.000Z' });
  });

  it('keeps the pane sizes, and reads a layout saved before them with the standard sizes', async () => {
    const sized = layout({ paneStretch: { price: 0.7, indicators: { 'rsi-1': 0.45 } } });
    expect((await put(sized)).status).toBe(200);
    const saved = LayoutResponseSchema.parse(await (await fetch(`${api.apiUrl}/layouts/BTCUSDT/5m`)).json()).layout;
    expect(saved?.paneStretch).toEqual({ price: 0.7, indicators: { 'rsi-1': 0.45 } });

    const { paneStretch: _omitted, ...older } = layout({ interval: '1h' });
    expect((await put(older, 'BTCUSDT/1h')).status).toBe(200);
    const hour = LayoutResponseSchema.parse(await (await fetch(`${api.apiUrl}/layouts/BTCUSDT/1h`)).json()).layout;
    expect(hour?.paneStretch).toBeNull();

    const bad = await put(layout({ paneStretch: { price: 0, indicators: {} } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/paneStretch\.price: a pane size must be positive/);
  });

  it('answers layout null for a chart without a saved layout', async () => {
    const res = await fetch(`${api.apiUrl}/layouts/ETHBTC/1d`);
    expect(res.status).toBe(200);
    expect(LayoutResponseSchema.parse(await res.json())).toEqual({ layout: null });
  });

  it('answers a corrupt stored row as no layout with the reason, and the next save replaces it', async () => {
    await put(layout());
    api.db.prepare("UPDATE chart_layouts SET json = '{\"symbol\":' WHERE symbol = 'BTCUSDT'").run();
    api.db.prepare("INSERT INTO chart_layouts (symbol, interval, json, updated_at) VALUES ('BTCUSDT', '1h', '{\"symbol\":\"BTCUSDT\"}', 'x')").run();
    for (const path of ['BTCUSDT/5m', 'BTCUSDT/1h']) {
      const res = await fetch(`${api.apiUrl}/layouts/${path}`);
      expect(res.status).toBe(200);
      const body = LayoutResponseSchema.parse(await res.json());
      expect(body.layout).toBeNull();
      expect(body.unreadable).toMatch(/JSON|interval/);
    }
    expect((await put(layout())).status).toBe(200);
    expect(LayoutResponseSchema.parse(await (await fetch(`${api.apiUrl}/layouts/BTCUSDT/5m`)).json())).toEqual({ layout: layout() });
  });

  it('refuses bad keys and bodies with 400 and the reason', async () => {
    const badInterval = await fetch(`${api.apiUrl}/layouts/BTCUSDT/7m`);
    expect(badInterval.status).toBe(400);
    expect(await errorCode(badInterval)).toBe('invalid_layout_key');

    const badIndicator = await put(layout({ indicators: [{ id: 'x', spec: { name: 'ema', params: { period: -3 } }, visible: true, color: '#f5a623' }] as never }));
    expect(badIndicator.status).toBe(400);
    const body = (await badIndicator.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_layout');
    expect(body.error.message).toMatch(/indicators\.0\.spec/);

    const mismatch = await put(layout(), 'BTCUSDT/1h');
    expect(mismatch.status).toBe(400);
    expect(await errorCode(mismatch)).toBe('key_mismatch');

    const notJson = await put(null, 'BTCUSDT/5m', '{"symbol":');
    expect(notJson.status).toBe(400);
    expect(await errorCode(notJson)).toBe('invalid_json');
  });
});
