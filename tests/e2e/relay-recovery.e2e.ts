import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/**
 * Notes about the relay being unreachable go once it is back: the chart's "cached candles" note
 * when live candles flow again, the drawings' "relay sync failed" once a sync succeeds.
 */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;
let relayDown = true;

beforeAll(async () => {
  session = await startBrowserSession('portal-relay-recovery-e2e-', { viewport: { width: 1280, height: 900 } });
  ({ sim, page } = session);
});

afterAll(() => session?.close());

const note = () => page.getByTestId('chart-note').textContent();
/** The drawing toolbar shows its message element only while there is a message. */
const drawingMessage = () => page.evaluate(() => document.querySelector('[data-testid=drawing-message]')?.textContent ?? '');

describe('after the relay comes back', () => {
  it('clears the cached-candles note and the drawings sync message', async () => {
    // A first visit fills the candle cache.
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');

    // The relay "goes away" for candle history, drawings and the stream.
    await page.route('**/api/v1/candles**', (route) => (relayDown ? route.abort('connectionrefused') : route.fallback()));
    await page.route('**/api/v1/drawings**', (route) => (relayDown ? route.abort('connectionrefused') : route.fallback()));
    await page.routeWebSocket(/\/api\/v1\/stream/, (ws) => (relayDown ? ws.close() : ws.connectToServer()));
    await page.reload();
    await waitForChart(page, 'BTCUSDT', '1m');
    await expect.poll(note, { timeout: 20_000 }).toContain('Cached candles — live data unavailable');
    await expect.poll(drawingMessage, { timeout: 20_000 }).toContain('relay sync failed');
    await screenshot(page, 'relay-recovery-down');

    relayDown = false;
    await expect.poll(note, { timeout: 30_000 }).not.toContain('Cached candles');
    await expect.poll(drawingMessage, { timeout: 30_000 }).not.toContain('relay sync failed');
    await screenshot(page, 'relay-recovery-back');
  });
});
