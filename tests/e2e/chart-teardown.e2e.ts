import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot, signIn, startSimRelay, waitForChart, type SimRelay } from './harness.ts';

/**
 * Leaving the chart must tear it down quietly: an error thrown while the chart is disposed
 * escapes React and blanks the whole app.
 */
let sim: SimRelay;
let browser: Browser;

beforeAll(async () => {
  sim = await startSimRelay('portal-teardown-e2e-');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

/** A fresh browser profile on the chart, with page errors and console errors collected. */
async function openChart(withIndicators: boolean): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, sim.relay);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/1m`);
  await waitForChart(page, 'BTCUSDT', '1m');
  for (const name of withIndicators ? ['ema', 'macd'] : []) {
    await page.selectOption('[data-testid=indicator-add-select]', name);
    await page.click('[data-testid=indicator-add]');
    await page.waitForSelector(`[data-testid=indicator-item][data-name=${name}][data-state=ready]`, { timeout: 20_000 });
  }
  return { page, errors };
}

/** A price level in the price pane: one click with the hline tool. */
async function drawLevel(page: Page): Promise<void> {
  const box = await page.getByTestId('chart-container').boundingBox();
  if (box === null) throw new Error('chart container has no layout box');
  await page.getByTestId('draw-hline').click();
  await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.3);
  await page.waitForFunction(() => document.querySelector('[data-testid=drawing-toolbar]')?.getAttribute('data-drawing-count') === '1');
}

/** Navigates away and resizes (a resize after dispose fired "Object is disposed"); true when the target page shows. */
async function leaveTo(page: Page, nav: string, target: string, shot: string): Promise<boolean> {
  await page.click(`[data-testid=${nav}]`);
  await page.waitForTimeout(300);
  await page.setViewportSize({ width: 1100, height: 800 });
  await page.waitForTimeout(500);
  await screenshot(page, shot);
  return (await page.getByTestId(target).isVisible()) && (await page.getByTestId('app-header').isVisible());
}

describe('leaving the chart', () => {
  it('goes to the dashboard from a chart with EMA and MACD without an error', async () => {
    const { page, errors } = await openChart(true);
    const shown = await leaveTo(page, 'nav-dashboard', 'market-overview', 'chart-teardown-dashboard');
    expect(errors).toEqual([]);
    expect(shown).toBe(true);
    await page.context().close();
  });

  it('goes to Simulate from a chart with EMA and MACD without an error', async () => {
    const { page, errors } = await openChart(true);
    const shown = await leaveTo(page, 'nav-simulate', 'simulation-page', 'chart-teardown-simulate');
    expect(errors).toEqual([]);
    expect(shown).toBe(true);
    await page.context().close();
  });

  it('goes to the dashboard from a chart with a drawing and no indicators without an error', async () => {
    const { page, errors } = await openChart(false);
    await drawLevel(page);
    const shown = await leaveTo(page, 'nav-dashboard', 'market-overview', 'chart-teardown-plain');
    expect(errors).toEqual([]);
    expect(shown).toBe(true);
    await page.context().close();
  });
});
