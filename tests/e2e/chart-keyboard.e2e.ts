import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startBrowserSession, waitForChart, type BrowserSession } from './harness.ts';

let session: BrowserSession;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  session = await startBrowserSession('portal-keyboard-e2e-', { viewport: { width: 1280, height: 800 } });
  page = session.page;
  page.on('pageerror', (err) => pageErrors.push(err.message));
}, 60_000);

afterAll(() => session?.close());

const selectedDrawing = () => page.getAttribute('[data-testid=drawing-delete]', 'data-selected-id');

describe('chart keyboard', () => {
  it('switches intervals with the digit keys and opens the symbol search with /', async () => {
    await page.goto(`${session.sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.keyboard.press('2');
    await waitForChart(page, 'BTCUSDT', '5m');
    expect(page.url()).toContain('#/chart/BTCUSDT/5m');
    await page.keyboard.press('4');
    await waitForChart(page, 'BTCUSDT', '1h');
    await page.keyboard.press('1');
    await waitForChart(page, 'BTCUSDT', '1m');

    await page.keyboard.press('/');
    await page.waitForSelector('[data-testid=symbol-search-input]:focus');
    // Digits typed into the search are a query, not an interval switch.
    await page.keyboard.type('sol5');
    expect(await page.inputValue('[data-testid=symbol-search-input]')).toBe('sol5');
    expect(page.url()).toContain('#/chart/BTCUSDT/1m');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await waitForChart(page, 'SOLUSDT', '1m');
    await page.keyboard.press('3');
    await waitForChart(page, 'SOLUSDT', '15m');
  });

  it('lists the shortcuts on ? and closes them with Esc', async () => {
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-help');
    await help.waitFor();
    const text = await help.textContent();
    for (const words of ['Search symbols', 'Interval 1m · 5m · 15m · 1h · 4h · 1d', 'Delete the selected drawing']) expect(text).toContain(words);
    await screenshot(page, 'chart-shortcuts-help');
    await page.keyboard.press('Escape');
    expect(await help.count()).toBe(0);
  });

  it('deselects a drawing with Esc and deletes the selected one with Delete', async () => {
    const box = (await page.getByTestId('chart-container').boundingBox())!;
    await page.click('[data-testid=draw-hline]');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 3);
    await expect.poll(selectedDrawing).not.toBe('');
    await page.keyboard.press('Escape');
    await expect.poll(selectedDrawing).toBe('');
    // Delete with nothing selected leaves the drawing.
    await page.keyboard.press('Delete');
    expect(await page.getAttribute('[data-testid=drawing-toolbar]', 'data-drawing-count')).toBe('1');
    // Apart from the first click, or the chart reads the pair as a double click.
    await page.waitForTimeout(600);
    await page.mouse.click(box.x + box.width / 4, box.y + box.height / 3);
    await expect.poll(selectedDrawing).not.toBe('');
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getAttribute('[data-testid=drawing-toolbar]', 'data-drawing-count')).toBe('0');
    expect(pageErrors).toEqual([]);
  });

  it('sorts the dashboard by 24h turnover in USDT terms, each shown in its quote', async () => {
    await page.click('a[href="#/"]');
    await page.waitForSelector('[data-testid=turnover-cell]');
    await expect
      .poll(() => page.$$eval('[data-testid=turnover-cell]', (cells) => cells.every((c) => /\d/.test(c.textContent ?? ''))))
      .toBe(true);
    const rows = await page.$$eval('[data-testid=watchlist-row]', (trs) =>
      trs.map((tr) => ({ symbol: tr.getAttribute('data-symbol'), turnover: tr.querySelector('[data-testid=turnover-cell]')?.textContent })),
    );
    expect(rows.map((r) => r.symbol)[0]).toBe('BTCUSDT');
    for (const row of rows) expect(row.turnover).toMatch(/^[\d.]+[KMBT]? (USDT|BTC|ETH)$/);
    expect(rows.find((r) => r.symbol === 'ETHBTC')?.turnover).toMatch(/ BTC$/);
    expect(await page.getAttribute('th:has([data-testid=sort-turnoverUsdt])', 'aria-sort')).toBe('descending');
    await screenshot(page, 'dashboard-turnover');
  });
});
