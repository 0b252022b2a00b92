import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListDrawingsResponseSchema } from '../../shared/drawings/index.ts';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/**
 * The acceptance path in the real app (not a harness page): one chart workspace gets two
 * indicators and two drawings, and a reload brings all four back from local storage and the relay.
 */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;
const pageErrors: string[] = [];

const indicator = (name: string) => `[data-testid=indicator-item][data-name=${name}]`;
const drawingCount = () => page.getByTestId('drawing-toolbar').getAttribute('data-drawing-count');

async function addIndicator(name: string, label: string): Promise<void> {
  await page.selectOption('[data-testid=indicator-add-select]', name);
  await page.click('[data-testid=indicator-add]');
  await page.waitForSelector(`${indicator(name)}[data-label="${label}"][data-state=ready]`, { timeout: 20_000 });
}

/**
 * Clicks the price pane at fractions of the chart's size; waits past lightweight-charts'
 * double-click window, which swallows a fast second click.
 */
async function clickChart(fx: number, fy: number): Promise<void> {
  const box = await page.getByTestId('chart-container').boundingBox();
  if (box === null) throw new Error('chart container has no layout box');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await page.waitForTimeout(600);
}

async function relayDrawings() {
  const res = await fetch(`${sim.relay.url}/api/v1/drawings?symbol=BTCUSDT`, { headers: sim.auth });
  expect(res.status).toBe(200);
  return ListDrawingsResponseSchema.parse(await res.json()).drawings;
}

beforeAll(async () => {
  session = await startBrowserSession('portal-workspace-e2e-', { viewport: { width: 1280, height: 900 } });
  ({ sim, page } = session);
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(() => session?.close());

describe('chart workspace in the app', () => {
  it('keeps EMA(20), RSI(14), a trend line and a rectangle on BTCUSDT 1m across a reload', async () => {
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.getByTestId('drawing-toolbar').waitFor();
    expect(await drawingCount()).toBe('0');
    // The charts hide lightweight-charts' logo, so its license's TradingView credit must be on the page.
    const credit = page.getByTestId('tradingview-attribution');
    expect(await credit.isVisible()).toBe(true);
    expect(await credit.getAttribute('href')).toBe('https://www.tradingview.com/');

    await addIndicator('ema', 'EMA(20)');
    await addIndicator('rsi', 'RSI(14)');

    // Both shapes go in the price pane (upper part; RSI has the lower pane), left of the price scale.
    await page.getByTestId('draw-trendline').click();
    await clickChart(0.15, 0.4);
    await clickChart(0.45, 0.15);
    await expect.poll(drawingCount).toBe('1');
    await page.getByTestId('draw-rectangle').click();
    await clickChart(0.55, 0.2);
    await clickChart(0.75, 0.4);
    await expect.poll(drawingCount).toBe('2');
    await expect.poll(async () => (await relayDrawings()).map((d) => d.shapeType)).toEqual(['trendline', 'rectangle']);

    await page.reload();
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.waitForSelector(`${indicator('ema')}[data-label="EMA(20)"][data-state=ready]`, { timeout: 20_000 });
    await page.waitForSelector(`${indicator('rsi')}[data-label="RSI(14)"][data-state=ready]`, { timeout: 20_000 });
    expect(await page.$$eval('[data-testid=indicator-item]', (chips) => chips.map((c) => c.getAttribute('data-name')))).toEqual(['ema', 'rsi']);
    expect(Number(await page.getAttribute(indicator('rsi'), 'data-pane'))).toBe(1);
    // The toolbar counts what the drawing layer was handed after the reload.
    await expect.poll(drawingCount).toBe('2');

    const stored = await relayDrawings();
    expect(stored.map((d) => d.shapeType)).toEqual(['trendline', 'rectangle']);
    expect(stored.every((d) => d.points.length === 2)).toBe(true);
    const [trend, zone] = stored;
    // Left-to-right clicks give increasing times; the trend line was drawn upwards.
    expect(trend!.points[0]!.time).toBeLessThan(trend!.points[1]!.time);
    expect(trend!.points[1]!.price).toBeGreaterThan(trend!.points[0]!.price);
    expect(zone!.points[0]!.time).toBeLessThan(zone!.points[1]!.time);

    await page.waitForTimeout(300);
    await screenshot(page, 'chart-workspace-after-reload');
    expect(pageErrors).toEqual([]);
  });
});
