import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListDrawingsResponseSchema, type Drawing } from '../../shared/drawings/index.ts';
import { screenshot, startBrowserSession, waitForChart, type BrowserSession } from './harness.ts';

let session: BrowserSession;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  session = await startBrowserSession('portal-drawing-edit-e2e-', { viewport: { width: 1280, height: 800 } });
  page = session.page;
  page.on('pageerror', (err) => pageErrors.push(err.message));
}, 60_000);

afterAll(() => session?.close());

type Segment = { kind: 'segment'; a: { x: number; y: number }; b: { x: number; y: number } };

const relayDrawings = async (): Promise<Drawing[]> => {
  const res = await fetch(`${session.sim.relay.url}/api/v1/drawings?symbol=BTCUSDT`, { headers: session.sim.auth });
  return ListDrawingsResponseSchema.parse(await res.json()).drawings;
};
const relayPoints = async (id: string) => (await relayDrawings()).find((d) => d.id === id)?.points;
const shapeOf = (id: string) =>
  page.evaluate((drawingId) => (window as unknown as { __drawingLayer: { shapeOf(id: string): unknown } }).__drawingLayer.shapeOf(drawingId), id) as Promise<Segment>;
const frame = async () => (await page.getByTestId('chart-container').boundingBox())!;

async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  const box = await frame();
  await page.mouse.move(box.x + from.x, box.y + from.y);
  await page.mouse.down();
  await page.mouse.move(box.x + to.x, box.y + to.y, { steps: 8 });
  await page.mouse.up();
}

describe('editing drawings', () => {
  let id = '';
  let drawn: Drawing['points'] = [];
  let moved: Drawing['points'] = [];

  it('drags one end of a trend line and stores the new point on the relay', async () => {
    await page.goto(`${session.sim.relay.url}/?debug#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    const box = await frame();
    await page.click('[data-testid=draw-trendline]');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.55);
    await page.waitForTimeout(600);
    await page.mouse.click(box.x + box.width * 0.6, box.y + box.height * 0.3);
    await expect.poll(async () => (await relayDrawings()).length).toBe(1);
    const [line] = await relayDrawings();
    id = line!.id;
    drawn = line!.points;
    await expect.poll(() => page.getAttribute('[data-testid=drawing-delete]', 'data-selected-id')).toBe(id);

    const before = await shapeOf(id);
    await drag(before.b, { x: before.b.x + 40, y: before.b.y + 80 });
    await expect.poll(async () => (await relayPoints(id))?.[1]?.price).toBeLessThan(drawn[1]!.price);
    moved = (await relayPoints(id))!;
    // The other end stays; the dragged end moved right, to a later bar, and down.
    expect(moved[0]).toEqual(drawn[0]);
    expect(moved[1]!.time).toBeGreaterThan(drawn[1]!.time);
    const after = await shapeOf(id);
    expect(after.b.y).toBeGreaterThan(before.b.y + 60);
    expect(Math.abs(after.a.y - before.a.y)).toBeLessThan(1);
    await screenshot(page, 'drawing-handle-dragged');
  });

  it('undoes and redoes the drag with the keys and the buttons, each a new revision on the relay', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(() => relayPoints(id)).toEqual(drawn);
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => relayPoints(id)).toEqual(moved);
    await page.click('[data-testid=drawing-undo]');
    await expect.poll(() => relayPoints(id)).toEqual(drawn);
    await page.click('[data-testid=drawing-redo]');
    await expect.poll(() => relayPoints(id)).toEqual(moved);
    expect(await page.isDisabled('[data-testid=drawing-redo]')).toBe(true);
  });

  it('moves the whole line, restyles it dashed, and keeps both after a reload', async () => {
    const before = await shapeOf(id);
    const middle = { x: (before.a.x + before.b.x) / 2, y: (before.a.y + before.b.y) / 2 };
    await drag(middle, { x: middle.x, y: middle.y - 50 });
    await expect.poll(async () => (await relayPoints(id))?.[0]?.price).toBeGreaterThan(moved[0]!.price);
    const shifted = (await relayPoints(id))!;
    // Both ends moved by the same price step.
    expect(shifted[1]!.price - moved[1]!.price).toBeCloseTo(shifted[0]!.price - moved[0]!.price, 6);

    await page.selectOption('[data-testid=drawing-line-style]', 'dashed');
    await expect.poll(async () => (await relayDrawings())[0]?.style.lineStyle).toBe('dashed');

    await page.reload();
    await waitForChart(page, 'BTCUSDT', '1m');
    await expect
      .poll(() =>
        page.evaluate((drawingId) => (window as unknown as { __drawingLayer: { drawingOf(id: string): Drawing | null } }).__drawingLayer.drawingOf(drawingId), id),
      )
      .toMatchObject({ points: shifted, style: { lineStyle: 'dashed' } });
  });

  it('labels a level with its price on the price axis', async () => {
    const box = await frame();
    await page.click('[data-testid=draw-hline]');
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.7);
    await expect.poll(async () => (await relayDrawings()).length).toBe(2);
    await page.waitForTimeout(300);
    await screenshot(page, 'drawing-level-axis-label');
    expect(pageErrors).toEqual([]);
  });
});
