import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayoutResponseSchema } from '../../shared/layouts/index.ts';
import { launchChromium, screenshot, signIn, startSimRelay, waitForChart, type SimRelay } from './harness.ts';

/**
 * A chart's layout lives on the relay: EMA and the volume profile set in one browser appear in a
 * fresh browser context (no IndexedDB), and survive a reload there.
 */
let sim: SimRelay;
let browser: Browser;
const ema = '[data-testid=indicator-item][data-name=ema][data-label="EMA(20)"][data-state=ready]';

beforeAll(async () => {
  sim = await startSimRelay('portal-layout-e2e-');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('chart layout', () => {
  it('restores EMA and the volume profile in a fresh browser', async () => {
    const first = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await first.newPage();
    await signIn(page, sim.relay);
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/5m`);
    await waitForChart(page, 'BTCUSDT', '5m');
    await page.selectOption('[data-testid=indicator-add-select]', 'ema');
    await page.click('[data-testid=indicator-add]');
    await page.waitForSelector(ema, { timeout: 20_000 });
    await page.getByTestId('volume-profile-toggle').check();
    await expect
      .poll(async () => {
        const res = await fetch(`${sim.relay.url}/api/v1/layouts/BTCUSDT/5m`, { headers: sim.auth });
        const { layout } = LayoutResponseSchema.parse(await res.json());
        if (layout === null) return null;
        return { indicators: layout.indicators.map((i) => i.spec.name), volumeProfile: layout.volumeProfile };
      })
      .toEqual({ indicators: ['ema'], volumeProfile: true });
    await first.close();

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    await signIn(other, sim.relay);
    await other.goto(`${sim.relay.url}/#/chart/BTCUSDT/5m`);
    await waitForChart(other, 'BTCUSDT', '5m');
    await other.waitForSelector(ema, { timeout: 20_000 });
    await expect.poll(() => other.getByTestId('volume-profile-toggle').isChecked()).toBe(true);
    // Another interval has its own layout.
    await other.click('[data-testid=interval-1m]');
    await waitForChart(other, 'BTCUSDT', '1m');
    await expect.poll(() => other.getByTestId('volume-profile-toggle').isChecked()).toBe(false);
    expect(await other.$$('[data-testid=indicator-item]')).toHaveLength(0);
    await other.click('[data-testid=interval-5m]');
    await waitForChart(other, 'BTCUSDT', '5m');
    await other.reload();
    await waitForChart(other, 'BTCUSDT', '5m');
    await other.waitForSelector(ema, { timeout: 20_000 });
    expect(await other.getByTestId('volume-profile-toggle').isChecked()).toBe(true);
    await other.waitForTimeout(500);
    await screenshot(other, 'chart-layout-fresh-browser');
    await fresh.close();
  });

  it('keeps a resized indicator pane on the relay and restores its height in a fresh browser', async () => {
    const rsi = '[data-testid=indicator-item][data-name=rsi][data-state=ready]';
    // The RSI pane's legend sits at the pane's top edge.
    const paneTop = async (page: Page) => {
      const legend = await page.waitForSelector('[data-testid=legend-pane-1]');
      return legend.evaluate((el) => (el as HTMLElement).offsetTop);
    };
    const first = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await first.newPage();
    await signIn(page, sim.relay);
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/15m`);
    await waitForChart(page, 'BTCUSDT', '15m');
    await page.selectOption('[data-testid=indicator-add-select]', 'rsi');
    await page.click('[data-testid=indicator-add]');
    await page.waitForSelector(rsi, { timeout: 20_000 });
    const before = await paneTop(page);
    const box = (await page.getByTestId('chart-container').boundingBox())!;
    // The divider is the pixel row above the RSI pane.
    await page.mouse.move(box.x + box.width / 2, box.y + before - 1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + before - 150, { steps: 10 });
    await page.mouse.up();
    await expect.poll(() => paneTop(page)).toBeLessThan(before - 100);
    await expect
      .poll(async () => {
        const res = await fetch(`${sim.relay.url}/api/v1/layouts/BTCUSDT/15m`, { headers: sim.auth });
        return LayoutResponseSchema.parse(await res.json()).layout?.paneStretch ?? null;
      })
      .not.toBeNull();
    // Under load the legend can still be a frame behind the drag's last move: read it once it holds still.
    let resized = await paneTop(page);
    await expect
      .poll(async () => {
        const previous = resized;
        await page.waitForTimeout(250);
        resized = await paneTop(page);
        return resized === previous;
      })
      .toBe(true);
    await screenshot(page, 'chart-pane-resized');
    await first.close();

    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const other = await fresh.newPage();
    await signIn(other, sim.relay);
    await other.goto(`${sim.relay.url}/#/chart/BTCUSDT/15m`);
    await waitForChart(other, 'BTCUSDT', '15m');
    await other.waitForSelector(rsi, { timeout: 20_000 });
    await expect.poll(async () => Math.abs((await paneTop(other)) - resized)).toBeLessThanOrEqual(3);
    await other.reload();
    await waitForChart(other, 'BTCUSDT', '15m');
    await other.waitForSelector(rsi, { timeout: 20_000 });
    await expect.poll(async () => Math.abs((await paneTop(other)) - resized)).toBeLessThanOrEqual(3);
    await fresh.close();
  });
});
