import type { IChartApi, ISeriesApi } from 'lightweight-charts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/**
 * Prices read on the instrument's tick grid everywhere: the price axis, last-price label and
 * crosshair of the chart (they share the candle series' formatter), indicator panes by the span
 * of their values, and the dashboard. ETHBTC and XRPETH trade in 1e-8 ticks.
 */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  session = await startBrowserSession('portal-price-format-e2e-', { viewport: { width: 1280, height: 900 } });
  ({ sim, page } = session);
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(() => session?.close());

/** `?debug` puts the chart controller on window. */
interface DebugWindow {
  __chart: { getApi(): { chart: IChartApi; candleSeries: ISeriesApi<'Candlestick'> } };
}

/** What the candle series' formatter (axis, last-price label, crosshair) makes of the last close. */
function lastCloseLabel(): Promise<{ close: number; label: string; precision: number }> {
  return page.evaluate(() => {
    const series = (window as unknown as DebugWindow).__chart.getApi().candleSeries;
    const last = series.data().at(-1) as { close: number };
    const format = series.options().priceFormat as { precision: number };
    return { close: last.close, label: series.priceFormatter().format(last.close), precision: format.precision };
  });
}

/** The formatter of the first series in an indicator pane, applied to its last value. */
function paneLabel(pane: number): Promise<{ value: number; label: string }> {
  return page.evaluate((index) => {
    const series = (window as unknown as DebugWindow).__chart.getApi().chart.panes()[index]!.getSeries()[0]!;
    const points = series.data() as readonly { value?: number }[];
    const value = points.findLast((p) => p.value !== undefined)!.value!;
    return { value, label: series.priceFormatter().format(value) };
  }, pane);
}

async function addIndicator(name: string): Promise<void> {
  await page.selectOption('[data-testid=indicator-add-select]', name);
  await page.click('[data-testid=indicator-add]');
  await page.waitForSelector(`[data-testid=indicator-item][data-name=${name}][data-state=ready]`, { timeout: 20_000 });
}

describe('prices on the tick grid', () => {
  it('labels ETHBTC (≈0.105) with its 8 tick decimals', async () => {
    await page.goto(`${sim.relay.url}/?debug#/chart/ETHBTC/1m`);
    await waitForChart(page, 'ETHBTC', '1m');
    await expect.poll(async () => (await lastCloseLabel()).precision, { timeout: 10_000 }).toBe(8);
    const { close, label } = await lastCloseLabel();
    expect(label).toMatch(/^0\.\d{8}$/);
    expect(Number(label)).toBeCloseTo(close, 8);
  });

  it('labels XRPETH (≈0.0015) and its MACD and ATR panes with readable decimals', async () => {
    await page.goto(`${sim.relay.url}/?debug#/chart/XRPETH/1m`);
    await page.reload();
    await waitForChart(page, 'XRPETH', '1m');
    await expect.poll(async () => (await lastCloseLabel()).precision, { timeout: 10_000 }).toBe(8);
    const { close, label } = await lastCloseLabel();
    expect(label).toMatch(/^0\.00\d{6}$/);
    expect(Number(label)).toBeCloseTo(close, 8);

    await addIndicator('macd');
    await addIndicator('atr');
    for (const pane of [1, 2]) {
      const { value, label: paneText } = await paneLabel(pane);
      // Enough decimals that the value keeps its leading digits (2 decimals read 0.00); the chart
      // writes a negative MACD with U+2212 MINUS SIGN, which Number() does not read.
      expect(Math.abs(Number(paneText.replace('\u2212', '-')) - value), `pane ${pane}: ${paneText} for ${value}`).toBeLessThan(Math.abs(value) * 0.01);
    }

    // Crosshair on the price pane: its label uses the same formatter.
    const box = await page.getByTestId('chart-container').boundingBox();
    await page.mouse.move(box!.x + box!.width * 0.5, box!.y + box!.height * 0.25);
    await page.waitForTimeout(300);
    await screenshot(page, 'price-format-xrpeth');
  });

  it('shows a 0.01-tick symbol with 2 decimals on the dashboard', async () => {
    await page.goto(`${sim.relay.url}/#/`);
    const cell = page.locator('[data-testid=watchlist-row][data-symbol=SOLUSDT] [data-testid=price-cell]');
    await expect.poll(async () => cell.textContent(), { timeout: 20_000 }).toMatch(/^[\d,]+\.\d{2}$/);
    const eth = page.locator('[data-testid=watchlist-row][data-symbol=ETHBTC] [data-testid=price-cell]');
    await expect.poll(async () => eth.textContent(), { timeout: 20_000 }).toMatch(/^0\.\d{8}$/);
    await screenshot(page, 'price-format-dashboard');
    expect(pageErrors).toEqual([]);
  });
});
