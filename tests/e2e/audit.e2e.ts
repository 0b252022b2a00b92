import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../relay/config.ts';
import { startRelay, type RunningRelay } from '../../relay/server.ts';
import { databaseFile } from '../../relay/storage/database.ts';
import { type BrowserSession, E2E_OPERATOR_TOKEN, screenshot, type SimRelay, startBrowserSession, waitForChart } from './harness.ts';

/** A drawing saved in the app shows up on the Audit page; a log edited on disk turns the app red. */
let session: BrowserSession;
let sim: SimRelay;
let restarted: RunningRelay | undefined;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  session = await startBrowserSession('portal-audit-e2e-', { viewport: { width: 1280, height: 800 } });
  ({ sim, page } = session);
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await restarted?.close();
  await session?.close();
});

describe('audit log in the app', () => {
  it('lists a saved drawing on the Audit page with an intact chain', async () => {
    await page.goto(`${sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.getByTestId('draw-hline').click();
    const box = await page.getByTestId('chart-container').boundingBox();
    if (box === null) throw new Error('chart container has no layout box');
    await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.3);
    await expect.poll(() => page.getByTestId('drawing-toolbar').getAttribute('data-drawing-count')).toBe('1');

    await page.getByTestId('nav-audit').click();
    await page.getByTestId('audit-page').waitFor();
    const drawingRow = page.locator('[data-testid=audit-row][data-kind="drawing.change"]');
    await drawingRow.waitFor({ timeout: 10_000 });
    expect(await drawingRow.textContent()).toMatch(/create hline .+ on BTCUSDT/);
    expect(await page.locator('[data-testid=audit-row][data-kind="config.change"]').textContent()).toContain('started in paper mode on Bybit sim');
    // The start's config and operator token, this browser's sign-in, the drawing.
    await expect.poll(() => page.getByTestId('audit-chain').textContent()).toMatch(/Chain intact: 4 rows/);

    await drawingRow.getByRole('button', { name: 'Payload' }).click();
    expect(JSON.parse((await page.getByTestId('audit-payload').textContent()) ?? '')).toMatchObject({ change: 'create', shapeType: 'hline', symbol: 'BTCUSDT' });

    await page.selectOption('[data-testid=audit-kind-filter]', 'config.change');
    await expect.poll(() => page.locator('[data-testid=audit-row]').count()).toBe(1);
    await page.selectOption('[data-testid=audit-kind-filter]', '');
    await drawingRow.getByRole('button', { name: 'Payload' }).click();
    await screenshot(page, 'audit-page');
    expect(pageErrors).toEqual([]);
  });

  it('shows a red banner naming the row after the log was edited while the relay was down', async () => {
    await sim.relay.close();
    // An attacker with file access: drop the trigger, rewrite the drawing row.
    const db = new Database(databaseFile(sim.dataDir));
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec(`UPDATE audit_log SET actor = 'someone-else' WHERE kind = 'drawing.change'`);
    const { seq: edited } = db.prepare<[], { seq: number }>(`SELECT seq FROM audit_log WHERE kind = 'drawing.change'`).get()!;
    const { rows } = db.prepare<[], { rows: number }>('SELECT COUNT(*) AS rows FROM audit_log').get()!;
    db.close();
    // The same operator token, so the browser's stored session stays valid across the restart.
    restarted = await startRelay(
      parseConfig({ BYBIT_ENV: 'sim', PORT: '0', DATA_DIR: sim.dataDir, LOG_LEVEL: 'silent', OPERATOR_TOKEN: E2E_OPERATOR_TOKEN }),
    );

    await page.goto(`${restarted.url}/#/audit`);
    const banner = page.getByTestId('banner-audit');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.textContent()).toMatch(new RegExp(`chain broken at row ${edited}.*the row was edited`));
    // The restart appended its own config row after the edited ones.
    await expect.poll(() => page.getByTestId('audit-chain').textContent()).toMatch(new RegExp(`Chain BROKEN at row ${edited} of ${rows + 1}`));
    expect(await page.locator('[data-testid=audit-row].audit-bad').textContent()).toContain('someone-else');
    await screenshot(page, 'audit-page-broken');
  });
});
