import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/** The crosshair legend reads the hovered candle (the last one without hover) and each indicator per pane. */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;

const cents = (value: number) => value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const field = (name: string) => page.getAttribute(`[data-testid=legend-pane-0] [data-field=${name}]`, 'data-value');

async function candleAtLegend(): Promise<{ candle: Candle; previous: Candle | undefined }> {
  const openTime = Number(await page.getAttribute('[data-testid=chart-legend]', 'data-open-time'));
  const candles = await page.evaluate(() => (window as unknown as { __chart: { getCandles(): Candle[] } }).__chart.getCandles());
  const index = candles.findIndex((c) => c.openTime === openTime);
  return { candle: candles[index]!, previous: candles[index - 1] };
}

async function addIndicator(name: string, label: string): Promise<void> {
  await page.selectOption('[data-testid=indicator-add-select]', name);
  await page.click('[data-testid=indicator-add]');
  await page.waitForSelector(`[data-testid=indicator-item][data-name=${name}][data-label="${label}"][data-state=ready]`, { timeout: 20_000 });
}

beforeAll(async () => {
  session = await startBrowserSession('portal-legend-e2e-', { viewport: { width: 1280, height: 900 } });
  ({ sim, page } = session);
});

afterAll(() => session?.close());

describe('crosshair legend', () => {
  it('shows OHLCV, change and indicator values of the hovered candle on each pane', async () => {
    await page.goto(`${sim.relay.url}/?debug#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await addIndicator('ema', 'EMA(20)');
    await addIndicator('rsi', 'RSI(14)');

    // No hover: the last (forming) candle.
    await page.waitForSelector('[data-testid=chart-legend][data-hovered=false]');
    // Polled: a minute can close between reading the legend and reading the chart.
    await expect
      .poll(async () => {
        const legendTime = (await candleAtLegend()).candle?.openTime;
        const chartTime = await page.evaluate(() => (window as unknown as { __chart: { getCandles(): Candle[] } }).__chart.getCandles().at(-1)!.openTime);
        return legendTime === chartTime;
      })
      .toBe(true);

    const box = (await page.getByTestId('chart-container').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3);
    await page.waitForSelector('[data-testid=chart-legend][data-hovered=true]');
    const { candle, previous } = await candleAtLegend();
    expect(await field('O')).toBe(cents(candle.open));
    expect(await field('H')).toBe(cents(candle.high));
    expect(await field('L')).toBe(cents(candle.low));
    expect(await field('C')).toBe(cents(candle.close));
    const change = candle.close - previous!.close;
    const sign = change > 0 ? '+' : change < 0 ? '−' : '';
    expect(await field('change')).toBe(`${sign}${cents(Math.abs(change))} (${sign}${Math.abs((change / previous!.close) * 100).toFixed(2)}%)`);

    // EMA on the price pane, RSI on its own pane, both with a value at the hovered candle.
    const ema = await page.getAttribute('[data-testid=legend-pane-0] [data-testid=legend-indicator][data-label="EMA(20)"]', 'data-value');
    expect(Number(ema!.replaceAll(',', ''))).toBeGreaterThan(candle.low * 0.9);
    const rsi = await page.getAttribute('[data-testid=legend-pane-1] [data-testid=legend-indicator][data-label="RSI(14)"]', 'data-value');
    expect(Number(rsi)).toBeGreaterThanOrEqual(0);
    expect(Number(rsi)).toBeLessThanOrEqual(100);
    await screenshot(page, 'chart-legend-hover');

    await page.mouse.move(box.x + box.width + 50, box.y - 40);
    await page.waitForSelector('[data-testid=chart-legend][data-hovered=false]');
  });

  it('heads the chart with the live ticker: last price, 24h change, high, low and volume', async () => {
    await page.waitForSelector('[data-testid=chart-header][data-state=live]');
    const header = async (name: string) => (await page.textContent(`[data-testid=chart-header] [data-field=${name}]`))!;
    const number = (text: string) => Number(text.replace(/[^0-9.]/g, ''));
    const [last, high, low] = [number(await header('last')), number((await header('high')).replace('24h high', '')), number((await header('low')).replace('24h low', ''))];
    expect(await header('last')).toMatch(/^[\d,]+\.\d{2}$/);
    expect(low).toBeLessThanOrEqual(last);
    expect(high).toBeGreaterThanOrEqual(last);
    expect(await header('change')).toMatch(/^[+-]?\d+\.\d{2}%$/);
    expect(await header('volume')).toMatch(/^24h vol [\d.]+[KMB]? USDT$/);
    // The streamed last price follows the forming candle's close.
    await expect
      .poll(async () => {
        const close = await page.evaluate(() => (window as unknown as { __chart: { getCandles(): Candle[] } }).__chart.getCandles().at(-1)!.close);
        return Math.abs(number(await header('last')) - close) / close;
      }, { timeout: 10_000 })
      .toBeLessThan(0.001);
    await screenshot(page, 'chart-header');
  });
});
