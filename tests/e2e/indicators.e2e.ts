import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../relay/server.ts';
import { launchChromium, screenshot, signIn, startSimRelay, waitForChart, type SimRelay } from './harness.ts';

/**
 * Indicators on the built app: a real relay on an ephemeral port with the in-process Bybit
 * stand-in upstream, Debian's chromium, the indicator worker and IndexedDB for real.
 */
let sim: SimRelay;
let relay: RunningRelay;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const item = (name: string) => `[data-testid=indicator-item][data-name=${name}]`;

/** Waits until the indicator is drawn, and returns its pane and how many values it shows. */
async function waitDrawn(name: string): Promise<{ pane: number; points: number }> {
  await page.waitForSelector(`${item(name)}[data-state=ready]`, { timeout: 20_000 });
  const pane = Number(await page.getAttribute(item(name), 'data-pane'));
  const points = Number(await page.getAttribute(item(name), 'data-points'));
  return { pane, points };
}

async function paneCount(): Promise<number> {
  return Number(await page.getAttribute('[data-testid=indicator-panel]', 'data-pane-count'));
}

async function addIndicator(name: string): Promise<void> {
  await page.selectOption('[data-testid=indicator-add-select]', name);
  await page.click('[data-testid=indicator-add]');
}

beforeAll(async () => {
  sim = await startSimRelay('portal-e2e-ind-');
  relay = sim.relay;
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  await signIn(page, sim.relay);
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('indicators on the chart', () => {
  it('adds EMA(20) as a price overlay and RSI(14) in its own pane', async () => {
    await page.goto(`${relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page);
    await page.waitForSelector('[data-testid=indicator-panel]');
    expect(await paneCount()).toBe(1);

    await addIndicator('ema');
    const ema = await waitDrawn('ema');
    expect(await page.getAttribute(item('ema'), 'data-label')).toBe('EMA(20)');
    expect(ema.pane).toBe(0);
    // 500 candles of history less the forming one, less the 19-candle warm-up.
    expect(ema.points).toBeGreaterThan(400);

    await addIndicator('rsi');
    const rsi = await waitDrawn('rsi');
    expect(await page.getAttribute(item('rsi'), 'data-label')).toBe('RSI(14)');
    expect(rsi.pane).toBe(1);
    expect(await paneCount()).toBe(2);
    await screenshot(page, 'indicators-ema-rsi');
  });

  it('shows the schema message for bad parameters and applies good ones', async () => {
    await page.click(`${item('ema')} [data-testid=indicator-edit]`);
    await page.fill('[data-testid=param-input-period]', 'abc');
    await page.click('[data-testid=params-save]');
    expect(await page.textContent('[data-testid=param-error-period]')).toBe('period must be a number such as 20');
    await page.fill('[data-testid=param-input-period]', '0');
    await page.click('[data-testid=params-save]');
    expect(await page.textContent('[data-testid=param-error-period]')).toBe('period must be at least 1');
    await screenshot(page, 'indicators-param-error');
    await page.fill('[data-testid=param-input-period]', '50');
    await page.click('[data-testid=params-save]');
    await page.waitForSelector(`${item('ema')}[data-label="EMA(50)"][data-state=ready]`);
    await page.click(`${item('ema')} [data-testid=indicator-edit]`);
    await page.fill('[data-testid=param-input-period]', '20');
    await page.click('[data-testid=params-save]');
    await page.waitForSelector(`${item('ema')}[data-label="EMA(20)"][data-state=ready]`);
  });

  it('keeps the chosen set across a reload', async () => {
    await page.reload();
    await waitForChart(page);
    const ema = await waitDrawn('ema');
    const rsi = await waitDrawn('rsi');
    expect([ema.pane, rsi.pane]).toEqual([0, 1]);
    expect(await page.getAttribute(item('ema'), 'data-label')).toBe('EMA(20)');
    expect(await paneCount()).toBe(2);
    await screenshot(page, 'indicators-after-reload');
  });

  it('hides, shows and removes; MACD gets a pane with histogram and two lines', async () => {
    await page.click(`${item('rsi')} [data-testid=indicator-visibility]`);
    await page.waitForSelector(`${item('rsi')}[data-state=hidden]`);
    expect(await paneCount()).toBe(1);
    await page.click(`${item('rsi')} [data-testid=indicator-visibility]`);
    await waitDrawn('rsi');
    expect(await paneCount()).toBe(2);

    await addIndicator('macd');
    expect((await waitDrawn('macd')).pane).toBe(2);
    await addIndicator('bb');
    expect((await waitDrawn('bb')).pane).toBe(0);
    await screenshot(page, 'indicators-macd-bb');

    await page.click(`${item('macd')} [data-testid=indicator-remove]`);
    await page.click(`${item('bb')} [data-testid=indicator-remove]`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=indicator-item]').length === 2);
    expect(await paneCount()).toBe(2);
  });

  it('draws the forming candle as provisional and adds one final value per closed candle', async () => {
    await page.waitForSelector(`${item('ema')}:not([data-provisional=""])`, { timeout: 20_000 });
    const forming = Number(await page.getAttribute(item('ema'), 'data-provisional'));
    const before = (await waitDrawn('ema')).points;
    // The stand-in closes a 1m candle at every minute boundary; the next one is then previewed.
    await page.waitForFunction(
      ([sel, t]) => Number(document.querySelector(sel as string)?.getAttribute('data-provisional')) > (t as number),
      [item('ema'), forming],
      { timeout: 75_000 },
    );
    expect(Number(await page.getAttribute(item('ema'), 'data-provisional'))).toBe(forming + 60_000);
    expect(Number(await page.getAttribute(item('ema'), 'data-points'))).toBe(before + 1);
    await screenshot(page, 'indicators-live');
    // Zoomed in on the newest bars, the provisional segment is visibly lighter than the final line.
    const chart = (await page.locator('[data-testid=chart-container]').boundingBox())!;
    await page.mouse.move(chart.x + chart.width - 120, chart.y + chart.height / 2);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -400);
    await page.waitForTimeout(300);
    await screenshot(page, 'indicators-provisional');
    expect(pageErrors).toEqual([]);
  });

  it('loads the older candles EMA(1000) needs, so it draws across the whole 500-candle chart', async () => {
    await page.click(`${item('ema')} [data-testid=indicator-edit]`);
    await page.fill('[data-testid=param-input-period]', '1000');
    await page.click('[data-testid=params-save]');
    await page.waitForSelector(`${item('ema')}[data-label="EMA(1000)"][data-state=ready]`, { timeout: 60_000 });
    const { points } = await waitDrawn('ema');
    // Every closed candle on the chart has a value: the warm-up lies in the loaded look-back.
    expect(points).toBeGreaterThanOrEqual(499);
    expect(await page.locator(`${item('ema')} [data-testid=indicator-note]`).count()).toBe(0);
    await screenshot(page, 'indicators-ema1000');
  });

  it('says why EMA(1000) draws nothing where the exchange has too little history', async () => {
    await page.goto(`${relay.url}/#/chart/BTCUSDT/1d`);
    await waitForChart(page, 'BTCUSDT', '1d');
    // Each symbol and interval keeps its own layout: the 1d chart gets its EMA(1000) here.
    await addIndicator('ema');
    await page.click(`${item('ema')} [data-testid=indicator-edit]`);
    await page.fill('[data-testid=param-input-period]', '1000');
    await page.click('[data-testid=params-save]');
    await page.waitForSelector(`${item('ema')}[data-label="EMA(1000)"][data-state=ready]`, { timeout: 60_000 });
    expect(Number(await page.getAttribute(item('ema'), 'data-points'))).toBe(0);
    const note = await page.textContent(`${item('ema')} [data-testid=indicator-note]`);
    expect(note).toMatch(/^needs 1000 closed candles to start; only \d+ exist$/);
    await screenshot(page, 'indicators-ema1000-short-history');
    expect(pageErrors).toEqual([]);
  });
});
