import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListDrawingsResponseSchema, type Drawing } from '../../shared/drawings/index.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/**
 * Drawings are per symbol and shown on every interval: a trend line and a zone drawn on 1m must sit
 * at the same moments on 5m and 1h, where their 1m anchor times fall inside (or after) the bars.
 */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;

type Shape = { kind: string; a: { x: number; y: number }; b: { x: number; y: number } } | null;

async function clickChart(fx: number, fy: number): Promise<void> {
  const box = await page.getByTestId('chart-container').boundingBox();
  if (box === null) throw new Error('chart container has no layout box');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  await page.waitForTimeout(600);
}

async function relayDrawings(): Promise<Drawing[]> {
  const res = await fetch(`${sim.relay.url}/api/v1/drawings?symbol=BTCUSDT`, { headers: sim.auth });
  return ListDrawingsResponseSchema.parse(await res.json()).drawings;
}

/**
 * Where a time belongs on the shown bars, from the chart's own coordinates of whole bars only:
 * linear between the bars around it, and one bar spacing per interval past the last bar.
 */
async function expectedX(time: number, interval: Interval): Promise<number> {
  return page.evaluate(
    ([t, barSeconds]) => {
      type Api = { chart: { timeScale(): { timeToCoordinate(t: number): number | null } } };
      const w = window as unknown as { __chart: { getApi(): Api; getCandles(): { openTime: number }[] } };
      const ts = w.__chart.getApi().chart.timeScale();
      const times = w.__chart.getCandles().map((c) => c.openTime / 1000);
      const x = (barTime: number) => {
        const value = ts.timeToCoordinate(barTime);
        if (value === null) throw new Error(`no coordinate for bar ${barTime}`);
        return value;
      };
      const after = times.findIndex((bar) => bar >= t);
      if (after === -1) {
        const last = times.length - 1;
        const spacing = x(times[last]!) - x(times[last - 1]!);
        return x(times[last]!) + ((t - times[last]!) / barSeconds) * spacing;
      }
      if (times[after] === t || after === 0) return x(times[after]!);
      const [t0, t1] = [times[after - 1]!, times[after]!];
      return x(t0) + ((t - t0) / (t1 - t0)) * (x(t1) - x(t0));
    },
    [time, INTERVAL_MS[interval] / 1000] as const,
  );
}

const shapeOf = (id: string) =>
  page.evaluate((drawingId) => (window as unknown as { __drawingLayer: { shapeOf(id: string): unknown } }).__drawingLayer.shapeOf(drawingId), id) as Promise<Shape>;

beforeAll(async () => {
  session = await startBrowserSession('portal-drawings-intervals-e2e-', { viewport: { width: 1280, height: 900 } });
  ({ sim, page } = session);
});

afterAll(() => session?.close());

describe('drawings across intervals', () => {
  it('keeps a 1m trend line and zone at their times on 5m and 1h', async () => {
    // ?debug exposes the chart controller and the drawing layer on window.
    await page.goto(`${sim.relay.url}/?debug#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.getByTestId('draw-trendline').click();
    await clickChart(0.3, 0.4);
    await clickChart(0.62, 0.2);
    await page.getByTestId('draw-rectangle').click();
    await clickChart(0.7, 0.2);
    await clickChart(0.82, 0.4);
    await expect.poll(async () => (await relayDrawings()).length).toBe(2);
    const drawings = await relayDrawings();
    // Anchors off the 5m grid, so 5m and 1h must place them between or after their bars.
    expect(drawings.flatMap((d) => d.points).some((p) => p.time % 300 !== 0)).toBe(true);

    for (const interval of ['1m', '5m', '1h'] as const) {
      await page.click(`[data-testid=interval-${interval}]`);
      await waitForChart(page, 'BTCUSDT', interval);
      await page.waitForTimeout(500);
      const width = await page.evaluate(() =>
        (window as unknown as { __chart: { getApi(): { chart: { timeScale(): { width(): number } } } } }).__chart.getApi().chart.timeScale().width(),
      );
      for (const drawing of drawings) {
        const shape = await shapeOf(drawing.id);
        expect(shape, `${drawing.shapeType} on ${interval}`).not.toBeNull();
        const [p1, p2] = drawing.points;
        for (const [pixel, point] of [
          [shape!.a, p1!],
          [shape!.b, p2!],
        ] as const) {
          expect(pixel.x, `${drawing.shapeType} anchor ${point.time} on ${interval}`).toBeCloseTo(await expectedX(point.time, interval), 0);
          expect(pixel.x).toBeGreaterThan(0);
          expect(pixel.x).toBeLessThan(width);
        }
      }
      await screenshot(page, `drawings-on-${interval}`);
    }
  });
});
