import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../relay/config.ts';
import { startRelay, type RunningRelay } from '../../relay/server.ts';
import { launchChromium, screenshot, signIn, startSimRelay, waitForChart, type SimRelay } from './harness.ts';

/**
 * The built app (npm run build) served by a real relay on an ephemeral port, with the in-process
 * Bybit stand-in upstream, driven in Debian's chromium.
 */
let sim: SimRelay;
let relay: RunningRelay;
let browser: Browser;
let context: BrowserContext;
let page: Page;

async function candleCount(): Promise<number> {
  return Number(await page.getAttribute('[data-testid=chart-container]', 'data-candle-count'));
}

beforeAll(async () => {
  sim = await startSimRelay();
  relay = sim.relay;
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  await signIn(page, sim.relay);
  page.on('pageerror', (err) => console.error('page error:', err.message));
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('market visibility in the browser', () => {
  it('lists spot symbols with live prices on the dashboard', async () => {
    await page.goto(relay.url);
    await page.waitForSelector('[data-testid=watchlist-row]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=mode-badge]')).toBe('PAPER');
    const symbols = await page.$$eval('[data-testid=watchlist-row]', (rows) => rows.map((r) => r.getAttribute('data-symbol')));
    expect(symbols).toContain('BTCUSDT');

    const priceCell = '[data-testid=watchlist-row][data-symbol=BTCUSDT] [data-testid=price-cell]';
    await page.waitForFunction((sel) => /\d/.test(document.querySelector(sel)?.textContent ?? ''), priceCell);
    const first = await page.textContent(priceCell);
    // The stand-in ticks every second; the stream must move the price without a reload.
    await page.waitForFunction(({ sel, before }) => document.querySelector(sel)?.textContent !== before, { sel: priceCell, before: first }, {
      timeout: 20_000,
    });
    await screenshot(page, 'dashboard');
  });

  it('filters and sorts the watchlist', async () => {
    await page.fill('[data-testid=watchlist-filter]', 'usdt');
    const filtered = await page.$$eval('[data-testid=watchlist-row]', (rows) => rows.map((r) => r.getAttribute('data-symbol')));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((s) => s?.includes('USDT'))).toBe(true);
    await page.fill('[data-testid=watchlist-filter]', '');
    await page.click('[data-testid=sort-symbol]');
    const sorted = await page.$$eval('[data-testid=watchlist-row]', (rows) => rows.map((r) => r.getAttribute('data-symbol') ?? ''));
    expect(sorted).toEqual([...sorted].sort());
  });

  it('opens a candle chart from a row and keeps the view in the URL', async () => {
    await page.click('[data-testid=watchlist-row][data-symbol=BTCUSDT]');
    await waitForChart(page, 'BTCUSDT', '1m');
    expect(page.url()).toContain('#/chart/BTCUSDT/1m');
    expect(await candleCount()).toBeGreaterThan(100);
    await screenshot(page, 'chart-btcusdt-1m');

    // Dragging towards older candles loads the previous page once the left edge comes near.
    const initial = await candleCount();
    const box = await page.locator('[data-testid=chart-container]').boundingBox();
    if (!box) throw new Error('chart container has no layout box');
    for (let i = 0; i < 6 && (await candleCount()) <= initial; i++) {
      await page.mouse.move(box.x + 100, box.y + box.height / 2);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width - 150, box.y + box.height / 2, { steps: 8 });
      await page.mouse.up();
      await page.waitForTimeout(300);
    }
    expect(await candleCount()).toBeGreaterThan(initial);
    await screenshot(page, 'chart-btcusdt-1m-older');

    await page.click('[data-testid=interval-5m]');
    await waitForChart(page, 'BTCUSDT', '5m');
    expect(page.url()).toContain('#/chart/BTCUSDT/5m');
  });

  it('switches symbol and refetches its history', async () => {
    await page.click('[data-testid=symbol-search-open]');
    const other = await page.$$eval('[data-testid=symbol-search-option]', (options) =>
      options.map((o) => o.getAttribute('data-symbol')).find((v) => v !== 'BTCUSDT'),
    );
    expect(other).toBeTruthy();
    await page.keyboard.type(other as string);
    await page.keyboard.press('Enter');
    await waitForChart(page, other as string, '5m');
    await screenshot(page, `chart-${other}-5m`);
  });

  it('reopens offline from the service worker with cached candles and an offline banner', async () => {
    const url = page.url();
    const symbol = await page.getAttribute('[data-testid=chart-container]', 'data-symbol');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // A reload under the active service worker also puts the market lists into its runtime cache.
    await page.reload();
    await waitForChart(page, symbol as string, '5m');
    const onlineCount = await candleCount();

    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('[data-testid=banner-offline]', { timeout: 20_000 });
    expect(await page.textContent('[data-testid=banner-offline]')).toContain('Offline — showing cached data');
    await waitForChart(page, symbol as string, '5m');
    expect(page.url()).toBe(url);
    expect(await candleCount()).toBeGreaterThanOrEqual(onlineCount - 1);
    await screenshot(page, 'chart-offline');
    await context.setOffline(false);
  });
});

/** A loopback port nothing listens on: connections are refused at once, like an unreachable Bybit. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('when Bybit is unreachable', () => {
  let downRelay: RunningRelay;
  let downDir: string;

  beforeAll(async () => {
    const port = await closedPort();
    downDir = mkdtempSync(join(tmpdir(), 'portal-e2e-down-'));
    downRelay = await startRelay(
      parseConfig({
        BYBIT_ENV: 'mainnet',
        BYBIT_REST_URL: `http://127.0.0.1:${port}`,
        BYBIT_WS_PUBLIC_URL: `ws://127.0.0.1:${port}/v5/public/spot`,
        PORT: '0',
        DATA_DIR: downDir,
        LOG_LEVEL: 'silent',
      }),
    );
  });

  afterAll(async () => {
    await downRelay?.close();
    rmSync(downDir, { recursive: true, force: true });
  });

  it('shows a retry banner with a live countdown and the market error', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const downPage = await fresh.newPage();
    await signIn(downPage, downRelay);
    await downPage.goto(downRelay.url);
    const banner = '[data-testid=banner-upstream]';
    await downPage.waitForSelector(banner, { timeout: 20_000 });
    const first = await downPage.textContent(banner);
    expect(first).toMatch(/Bybit unreachable — retrying \(next in \d+s\)/);
    await downPage.waitForFunction(({ sel, before }) => document.querySelector(sel)?.textContent !== before, { sel: banner, before: first }, {
      timeout: 15_000,
    });
    await downPage.waitForSelector('[data-testid=watchlist-error]', { timeout: 30_000 });
    expect(await downPage.textContent('[data-testid=watchlist-error]')).toMatch(/Bybit is unreachable/);
    await screenshot(downPage, 'bybit-unreachable');
    await fresh.close();
  });
});
