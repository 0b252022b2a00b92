/**
 * First candles painted after navigating from the dashboard to `#/chart/BTCUSDT/1m` in the built
 * app, served by a sim-mode relay (the e2e harness), in headless chromium. Timed in the page from
 * the click on the dashboard row to the chart's `chart:candles-painted` user-timing mark.
 * - cold: a fresh browser profile (empty IndexedDB, no service worker yet), first navigation;
 * - warm: the same profile reloaded on the dashboard (service worker active, IndexedDB holding the
 *   candles from the first visit), then navigating again.
 * Goals: ≤ 700 ms cold, ≤ 400 ms warm. Several profiles; the figures are medians.
 * Run: npx tsx bench/chart-navigation.ts
 */
import { loadavg } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { CANDLES_PAINTED_MARK } from '../client/chart/chart-controller.ts';
import { launchChromium, startSimRelay } from '../tests/e2e/harness.ts';
import { buildAppOnce } from './_app-build.ts';
import { median, reportFigure } from './_figures.ts';

const PROFILES = 3;
const WARM_VISITS = 2;
const COLD_GOAL_MS = 700;
const WARM_GOAL_MS = 400;
const SYMBOL = 'BTCUSDT';

buildAppOnce();
const relay = await startSimRelay('bench-navigation-');
const browser = await launchChromium();

async function openDashboard(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(`[data-testid=watchlist-row][data-symbol=${SYMBOL}]`, { timeout: 30_000 });
  // Let the dashboard settle (first tickers, stream connected) as a user would before clicking.
  await page.waitForTimeout(500);
}

/** Clicks the dashboard row and resolves with ms from the click to the painted-candles mark. */
async function navigateToChart(page: Page): Promise<{ ms: number; candles: number }> {
  return page.evaluate(
    ({ symbol, mark }) =>
      new Promise<{ ms: number; candles: number }>((resolve, reject) => {
        performance.clearMarks(mark);
        const observer = new PerformanceObserver((list) => {
          const entry = list.getEntriesByName(mark)[0] as PerformanceMark | undefined;
          if (!entry) return;
          observer.disconnect();
          clearTimeout(timeout);
          resolve({ ms: entry.startTime - t0, candles: (entry.detail as { candles: number }).candles });
        });
        observer.observe({ entryTypes: ['mark'] });
        const timeout = setTimeout(() => reject(new Error(`no ${mark} within 20 s`)), 20_000);
        const row = document.querySelector<HTMLElement>(`[data-testid=watchlist-row][data-symbol=${symbol}]`);
        if (!row) throw new Error(`no dashboard row for ${symbol}`);
        const t0 = performance.now();
        row.click();
      }),
    { symbol: SYMBOL, mark: CANDLES_PAINTED_MARK },
  );
}

async function serviceWorkerActive(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('service worker not active');
  });
}

try {
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at start`);
  const cold: number[] = [];
  const warm: number[] = [];
  for (let p = 0; p < PROFILES; p++) {
    // A new context is a fresh profile: no cache, no IndexedDB, no service worker.
    const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await openDashboard(page, relay.relay.url);
    const first = await navigateToChart(page);
    cold.push(first.ms);
    await serviceWorkerActive(page);
    const visits: string[] = [];
    for (let v = 0; v < WARM_VISITS; v++) {
      // Let the first visit's IndexedDB writes finish, then come back as a returning user.
      await page.waitForTimeout(500);
      await openDashboard(page, `${relay.relay.url}/#/`);
      await page.reload();
      await page.waitForSelector(`[data-testid=watchlist-row][data-symbol=${SYMBOL}]`, { timeout: 30_000 });
      await page.waitForTimeout(500);
      const again = await navigateToChart(page);
      warm.push(again.ms);
      visits.push(`${again.ms.toFixed(0)} ms`);
    }
    console.log(`profile ${p + 1}: cold ${first.ms.toFixed(0)} ms (${first.candles} candles), warm ${visits.join(', ')}`);
    await context.close();
  }
  reportFigure({ name: `chart navigation, first candles painted, cold (median of ${cold.length})`, value: median(cold), unit: 'ms', goal: COLD_GOAL_MS, bound: 'max' });
  reportFigure({ name: `chart navigation, first candles painted, warm (median of ${warm.length})`, value: median(warm), unit: 'ms', goal: WARM_GOAL_MS, bound: 'max' });
  console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')} at end`);
} finally {
  await browser.close();
  await relay.close();
}
