import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CandleSchema, type Candle } from '../../shared/market/index.ts';
import { launchChromium, screenshot, signIn, startSimRelay, waitForChart, type SimRelay } from './harness.ts';

/**
 * No lost candles across stream drops, in the real app against the relay and its stand-in:
 * candles the stream never delivered are fetched and merged, and a bar whose close fell into a
 * socket cut is replaced by its final version once the socket is back.
 */
let sim: SimRelay;
let browser: Browser;
const pageErrors: string[] = [];
const MINUTE = 60_000;

async function openChart(page: Page): Promise<void> {
  page.on('pageerror', (err) => pageErrors.push(err.message));
  // ?debug exposes the chart controller as window.__chart.
  await page.goto(`${sim.relay.url}/?debug#/chart/BTCUSDT/1m`);
  await waitForChart(page, 'BTCUSDT', '1m');
}

function chartCandles(page: Page): Promise<Candle[]> {
  return page.evaluate(() => (window as unknown as { __chart: { getCandles(): Candle[] } }).__chart.getCandles());
}

async function relayCandle(openTime: number): Promise<Candle> {
  const res = await fetch(`${sim.relay.url}/api/v1/candles?symbol=BTCUSDT&interval=1m&from=${openTime}&to=${openTime}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { candles: unknown[] };
  return CandleSchema.parse(body.candles[0]);
}

function expectContiguous(candles: readonly Candle[]): void {
  const missing = candles.slice(1).filter((c, i) => c.openTime - candles[i]!.openTime !== MINUTE);
  expect(missing.map((c) => new Date(c.openTime).toISOString())).toEqual([]);
}

const gapsAttr = (page: Page) => page.getAttribute('[data-testid=chart-container]', 'data-gaps');

beforeAll(async () => {
  sim = await startSimRelay('portal-stream-gap-e2e-');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('chart across stream drops', () => {
  it('fetches the candles between the loaded history and the first streamed candle', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, sim.relay);
    // The page's clock runs 5 minutes behind, so its history ends 5 candles before the first kline
    // the stream delivers: the state a chart is in after missing 5 minutes of stream.
    await page.clock.setSystemTime(Date.now() - 5 * MINUTE);
    await openChart(page);
    const realMinute = Math.floor(Date.now() / MINUTE) * MINUTE;

    await page.waitForFunction(
      (minute) => {
        const candles = (window as unknown as { __chart: { getCandles(): Candle[] } }).__chart.getCandles();
        return (candles.at(-1)?.openTime ?? 0) >= minute;
      },
      realMinute,
      { timeout: 15_000 },
    );
    await page.waitForFunction(() => document.querySelector('[data-testid=chart-container]')?.getAttribute('data-gaps') === '0', undefined, {
      timeout: 15_000,
    });
    const candles = await chartCandles(page);
    expectContiguous(candles);
    // A healed candle is the relay's final one, not an empty placeholder.
    const healed = candles.find((c) => c.openTime === realMinute - 3 * MINUTE);
    expect(healed).toEqual(await relayCandle(realMinute - 3 * MINUTE));
    await screenshot(page, 'stream-gap-filled');
    await page.close();
  });

  it('replaces the bar whose close fell into a socket cut once the socket is back', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, sim.relay);
    let cut = false;
    const open: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/v1\/stream$/, (ws) => {
      // While cut, every reconnect attempt is dropped straight away, as with a dead network.
      if (cut) return void ws.close();
      open.push(ws, ws.connectToServer());
    });
    await openChart(page);

    // Cut ~25 s before a minute boundary and restore 3 s after it: the forming bar closes unseen.
    // (A 10 s cut once saw no trade of the replayed minute, leaving nothing to heal.)
    const untilBoundary = MINUTE - (Date.now() % MINUTE);
    if (untilBoundary > 27_000) await page.waitForTimeout(untilBoundary - 25_000);
    const boundary = Math.ceil(Date.now() / MINUTE) * MINUTE;
    cut = true;
    for (const ws of open.splice(0)) await ws.close();
    await page.waitForTimeout(boundary + 3_000 - Date.now());

    const closedUnseen = boundary - MINUTE;
    const stale = (await chartCandles(page)).at(-1);
    expect(stale?.openTime).toBe(closedUnseen);
    const final = await relayCandle(closedUnseen);
    // Trades kept coming during the cut, so without healing the chart would keep a wrong bar.
    expect(stale).not.toEqual(final);
    cut = false;

    await page.waitForFunction(
      (expected) => {
        const candles = (window as unknown as { __chart: { getCandles(): Candle[] } }).__chart.getCandles();
        const bar = candles.find((c) => c.openTime === expected.openTime);
        return bar?.close === expected.close && bar.volume === expected.volume && (candles.at(-1)?.openTime ?? 0) > expected.openTime;
      },
      final,
      { timeout: 25_000 },
    );
    const candles = await chartCandles(page);
    expect(candles.find((c) => c.openTime === closedUnseen)).toEqual(final);
    expectContiguous(candles);
    expect(await gapsAttr(page)).toBe('0');
    await screenshot(page, 'stream-gap-healed');
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
