import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/** A chart URL a trader mistyped must say what went wrong on screen, not show an empty chart. */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession('portal-route-errors-e2e-', { viewport: { width: 1280, height: 900 } });
  ({ sim, page } = session);
});

afterAll(() => session?.close());

/** Visible to Playwright, with a layout box, and the topmost element at its centre (not under a canvas). */
async function expectOnTop(testId: string): Promise<void> {
  const locator = page.getByTestId(testId);
  await locator.waitFor({ state: 'visible', timeout: 20_000 });
  const box = await locator.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.width).toBeGreaterThan(0);
  expect(box!.height).toBeGreaterThan(0);
  const onTop = await page.evaluate(
    ([id, x, y]) => document.querySelector(`[data-testid=${id}]`)!.contains(document.elementFromPoint(x, y)),
    [testId, box!.x + box!.width / 2, box!.y + box!.height / 2] as const,
  );
  expect(onTop, `${testId} is covered by another element`).toBe(true);
}

describe('mistyped chart URLs', () => {
  it('shows the error for an unknown symbol over the chart', async () => {
    await page.goto(`${sim.relay.url}/#/chart/NOPE/1m`);
    await expectOnTop('chart-error');
    const text = await page.getByTestId('chart-error').textContent();
    expect(text).toMatch(/NOPE/);
    // The message quotes the id of the failed request, the one the relay's trace (and log) holds.
    const requestId = /request id ([0-9a-f-]{36})/.exec(text ?? '')?.[1];
    expect(requestId, text ?? '').toBeDefined();
    const traced = sim.relay.observability.tracing.recentSpans().find((span) => span.attributes['relay.request_id'] === requestId);
    expect(traced?.attributes['http.response.status_code']).toBe(404);
    await screenshot(page, 'chart-error-unknown-symbol');
  });

  it('says an unsupported interval was replaced and corrects the URL', async () => {
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/7m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await expectOnTop('route-notice');
    expect(await page.getByTestId('route-notice').textContent()).toMatch(/7m.*1m/);
    expect(new URL(page.url()).hash).toBe('#/chart/BTCUSDT/1m');
    await screenshot(page, 'chart-route-notice');

    // The notice belongs to the mistyped URL: picking another interval clears it.
    await page.getByTestId('interval-5m').click();
    await waitForChart(page, 'BTCUSDT', '5m');
    expect(await page.getByTestId('route-notice').count()).toBe(0);
  });
});
