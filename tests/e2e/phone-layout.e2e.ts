import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/** On a 390 px phone every page fits the width and the header keeps its mode badge in view. */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;
const WIDTH = 390;

beforeAll(async () => {
  session = await startBrowserSession('portal-phone-e2e-', { viewport: { width: WIDTH, height: 844 }, isMobile: true, hasTouch: true });
  ({ sim, page } = session);
});

afterAll(() => session?.close());

/** Widest scrollable extent of the page or of any element that scrolls sideways on its own. */
function widestScroll(): Promise<number> {
  return page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
}

async function expectInView(testId: string): Promise<void> {
  const box = await page.getByTestId(testId).boundingBox();
  expect(box, `${testId} has a layout box`).not.toBeNull();
  expect(box!.x, `${testId} starts on screen`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${testId} ends on screen`).toBeLessThanOrEqual(WIDTH);
}

describe('390 px phone layout', () => {
  for (const [name, hash, ready] of [
    ['dashboard', '#/', 'watchlist'],
    ['chart', '#/chart/BTCUSDT/1m', 'chart-container'],
    ['simulate', '#/simulate', 'simulation-page'],
  ] as const) {
    it(`fits the ${name} in the width with the header badges visible`, async () => {
      await page.goto(`${sim.relay.url}/${hash}`);
      await page.getByTestId(ready).waitFor({ timeout: 20_000 });
      if (name === 'chart') await waitForChart(page, 'BTCUSDT', '1m');
      await page.getByTestId('bybit-env').waitFor();
      await page.waitForTimeout(300);
      await screenshot(page, `phone-${name}`);
      expect(await widestScroll()).toBeLessThanOrEqual(WIDTH);
      await expectInView('mode-badge');
      await expectInView('bybit-env');
    });
  }
});
