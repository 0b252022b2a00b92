import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchlistResponseSchema } from '../../shared/watchlist/index.ts';
import { launchChromium, screenshot, signIn, waitForChart, type SimRelay } from './harness.ts';
import { startLongListRelay } from './long-symbol-list.ts';

let sim: SimRelay;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  sim = await startLongListRelay();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await signIn(page, sim.relay);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

const selectedOption = () => page.getAttribute('[data-testid=symbol-search-option][aria-selected=true]', 'data-symbol');
const optionSymbols = () => page.$$eval('[data-testid=symbol-search-option]', (els) => els.map((el) => el.getAttribute('data-symbol')));

describe('symbol search in the chart header', () => {
  it('searches 300+ symbols by keyboard: type, arrows, Enter opens; Esc closes', async () => {
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.click('[data-testid=symbol-search-open]');
    await page.waitForSelector('[data-testid=symbol-search-input]:focus');
    const countText = await page.textContent('[data-testid=symbol-search-count]');
    const total = Number(/of (\d+)/.exec(countText ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(300);
    expect(await optionSymbols()).toHaveLength(50);

    await page.keyboard.type('sol');
    const solPairs = await optionSymbols();
    expect(solPairs[0]).toBe('SOLUSDT');
    expect(solPairs.every((s) => s?.includes('SOL'))).toBe(true);
    expect(await selectedOption()).toBe('SOLUSDT');
    await page.keyboard.press('ArrowDown');
    expect(await selectedOption()).toBe(solPairs[1]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await selectedOption()).toBe(solPairs.at(-1));
    await page.keyboard.press('ArrowDown');
    await screenshot(page, 'symbol-search-sol');
    await page.keyboard.press('Enter');
    await waitForChart(page, 'SOLUSDT', '1m');
    expect(page.url()).toContain('#/chart/SOLUSDT/1m');
    expect(await page.locator('[data-testid=symbol-search]').count()).toBe(0);

    // Separators as traders type pairs; Esc closes without switching.
    await page.click('[data-testid=symbol-search-open]');
    await page.keyboard.type('eth/btc');
    expect(await selectedOption()).toBe('ETHBTC');
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid=symbol-search]').count()).toBe(0);
    expect(page.url()).toContain('#/chart/SOLUSDT/1m');

    await page.click('[data-testid=symbol-search-open]');
    await page.keyboard.type('zzzz');
    expect(await page.textContent('[data-testid=symbol-search-count]')).toContain('No market matches “zzzz”');
    await page.keyboard.press('Enter');
    expect(page.url()).toContain('#/chart/SOLUSDT/1m');
    await page.keyboard.press('Escape');
    expect(pageErrors).toEqual([]);
  });

  it('stars a symbol on the relay: first in the search, on the dashboard, and in a fresh browser', async () => {
    await page.click('[data-testid=symbol-search-open]');
    await page.keyboard.type('xrp');
    await page.click('[data-testid=symbol-search-option][data-symbol=XRPETH] [data-testid=favourite-star]');
    await page.waitForSelector('[data-testid=symbol-search-option][data-symbol=XRPETH] [data-testid=favourite-star][aria-pressed=true]');
    // Starring keeps the search open and focused.
    await page.fill('[data-testid=symbol-search-input]', '');
    await page.waitForFunction(() => document.querySelector('[data-testid=symbol-search-option]')?.getAttribute('data-symbol') === 'XRPETH');
    await screenshot(page, 'symbol-search-favourite');
    await page.keyboard.press('Escape');

    const stored = await fetch(`${sim.relay.url}/api/v1/watchlist`, { headers: sim.auth });
    expect(WatchlistResponseSchema.parse(await stored.json()).symbols).toEqual(['XRPETH']);

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const other = await fresh.newPage();
      await signIn(other, sim.relay);
      await other.click('[data-testid=scope-watchlist]');
      await other.waitForFunction(() => {
        const rows = [...document.querySelectorAll('[data-testid=watchlist-row]')].map((r) => r.getAttribute('data-symbol'));
        return rows.length === 1 && rows[0] === 'XRPETH';
      });
      expect(await other.getAttribute('[data-testid=watchlist-row] [data-testid=favourite-star]', 'aria-pressed')).toBe('true');
      await screenshot(other, 'dashboard-watchlist');
      // Unstarring on the dashboard empties the watchlist for everyone.
      await other.click('[data-testid=watchlist-row] [data-testid=favourite-star]');
      await other.waitForSelector('[data-testid=watchlist-empty]');
      const after = await fetch(`${sim.relay.url}/api/v1/watchlist`, { headers: sim.auth });
      expect(WatchlistResponseSchema.parse(await after.json()).symbols).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
