import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditLog } from '../../relay/audit/audit-log.ts';
import { createDrawingsRouter, createDrawingsStore, type DrawingsStore } from '../../relay/drawings/index.ts';
import { openDatabase, type SqliteDatabase } from '../../relay/storage/database.ts';
import { launchChromium, screenshot } from './harness.ts';

// A real chart (harness page served by Vite) talking to the real drawings router over SQLite, so
// clicks, primitives, IndexedDB and relay sync are exercised together without the whole app.
let dir: string;
let db: SqliteDatabase;
let store: DrawingsStore;
let vite: ViteDevServer;
let server: Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'drawings-e2e-'));
  db = openDatabase(dir);
  store = createDrawingsStore(db);
  vite = await createServer({
    root: join(import.meta.dirname, 'drawings-harness'),
    configFile: false,
    server: { middlewareMode: true, hmr: false },
    appType: 'spa',
    logLevel: 'error',
  });
  const app = express();
  app.use('/api/v1', createDrawingsRouter({ store, audit: createAuditLog(db) }));
  app.use(vite.middlewares);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 620 } });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.getByTestId('drawing-toolbar').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await vite?.close();
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Clicks a pane point; waits past lightweight-charts' double-click window, which swallows a fast second click. */
async function clickChart(x: number, y: number): Promise<void> {
  const box = await page.getByTestId('harness-chart').boundingBox();
  if (box === null) throw new Error('chart not visible');
  await page.mouse.click(box.x + x, box.y + y);
  await page.waitForTimeout(600);
}

const drawingCount = () => page.getByTestId('drawing-toolbar').getAttribute('data-drawing-count');

describe('chart drawings in the browser', () => {
  it('creates each shape from clicks and stores it on the relay', async () => {
    await page.getByTestId('draw-hline').click();
    await clickChart(300, 150);
    await page.getByTestId('draw-trendline').click();
    await clickChart(100, 300);
    await clickChart(500, 100);
    await page.getByTestId('draw-rectangle').click();
    await clickChart(550, 250);
    await clickChart(700, 350);
    await page.getByTestId('drawing-label').fill('breakout here');
    await page.getByTestId('draw-text').click();
    await clickChart(200, 80);

    await expect.poll(drawingCount).toBe('4');
    await expect.poll(() => store.list('BTCUSDT').map((d) => d.shapeType)).toEqual(['hline', 'trendline', 'rectangle', 'text']);
    const [level, trend, zone, note] = store.list('BTCUSDT');
    // The harness candles oscillate between ~88.5 and ~111.5; clicks near the top land high.
    expect(level?.points[0]?.price).toBeGreaterThan(100);
    expect(trend?.points).toHaveLength(2);
    expect(zone?.points[0]?.time).toBeLessThan(zone?.points[1]?.time ?? 0);
    expect(note?.label).toBe('breakout here');
  });

  it('selects a level by clicking anywhere along it and deletes it with the Delete key', async () => {
    const level = store.list('BTCUSDT').find((d) => d.shapeType === 'hline');
    await clickChart(800, 150);
    await expect.poll(() => page.getByTestId('drawing-delete').getAttribute('data-selected-id')).toBe(level?.id);
    await page.keyboard.press('Delete');
    await expect.poll(drawingCount).toBe('3');
    await expect.poll(() => store.list('BTCUSDT').some((d) => d.id === level?.id)).toBe(false);
    expect(store.events(level?.id).map((e) => e.kind)).toEqual(['create', 'delete']);
  });

  it('restores the drawings after a reload', async () => {
    await page.reload();
    await page.getByTestId('drawing-toolbar').waitFor();
    await expect.poll(drawingCount).toBe('3');
  });

  it('shows an error instead of starting a text note without text', async () => {
    await page.getByTestId('drawing-label').fill('');
    await page.getByTestId('draw-text').click();
    await expect.poll(() => page.getByTestId('drawing-message').textContent()).toContain('type the note text first');
  });

  it('draws the volume profile and trade markers without page errors', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.getByTestId('volume-profile-toggle').check();
    const shown = await page.evaluate(() => {
      type Plugin = { markers: () => { position: string; shape: string }[] };
      const h = (window as unknown as { __harness: { series: unknown; setTradeMarkers: (s: unknown, t: unknown[]) => Plugin } }).__harness;
      return h.setTradeMarkers(h.series, [
        { time: 1717200000 + 60 * 50, side: 'buy', price: 105 },
        { time: 1717200000 + 60 * 120, side: 'sell', price: 95, label: 'exit' },
      ]).markers();
    });
    expect(shown.map((m) => `${m.shape}@${m.position}`)).toEqual(['arrowUp@atPriceBottom', 'arrowDown@atPriceTop']);
    await page.waitForTimeout(300);
    await screenshot(page, 'drawings-harness');
    expect(errors).toEqual([]);
  });
});
