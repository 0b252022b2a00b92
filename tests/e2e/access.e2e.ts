import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { newDrawing } from '../../shared/drawings/index.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { runTokenCommand } from '../../relay/access/token-commands.ts';
import { parseConfig } from '../../relay/config.ts';
import { startRelay, type RunningRelay } from '../../relay/server.ts';
import { launchChromium, screenshot, signIn, waitForChart } from './harness.ts';

/**
 * A first start as the trader gets it (no OPERATOR_TOKEN): the printed login link signs the browser
 * in as operator, whose page saves a drawing; a viewer link's page is refused the same write.
 */
let relay: RunningRelay;
let dataDir: string;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'portal-access-e2e-'));
  relay = await startRelay(parseConfig({ BYBIT_ENV: 'sim', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' }));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await relay?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function pageSignedInWith(loginUrl: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('console', (msg) => {
    if (msg.text().includes('Content Security Policy')) cspViolations.push(msg.text());
  });
  await signIn(page, { ...relay, loginUrl });
  expect(page.url()).toBe(`${relay.url}/`);
  return page;
}

/** The page's own same-origin write, carrying its session cookie as the app's requests do. */
function saveDrawingFrom(page: Page): Promise<{ status: number; body: unknown }> {
  const drawing = newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 1 }] });
  return page.evaluate(async (d) => {
    const res = await fetch(`/api/v1/drawings/${d.id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(d) });
    return { status: res.status, body: (await res.json()) as unknown };
  }, drawing);
}

describe('signing in', () => {
  it('the login URL from the first start gives an operator session that saves a drawing, and the app runs under the CSP', async () => {
    const page = await pageSignedInWith(relay.loginUrl);
    expect(await page.evaluate(async () => (await fetch('/api/v1/session')).json())).toEqual({ role: 'operator' });
    await page.goto(`${relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(page, 'BTCUSDT', '1m');
    expect((await saveDrawingFrom(page)).status).toBe(201);
    expect(cspViolations).toEqual([]);
  });

  it('a viewer session is refused the write with a 403 that says why', async () => {
    const { port } = new URL(relay.url);
    const viewerUrl = runTokenCommand('viewer', { dataDir, host: '127.0.0.1', port: Number(port), operatorToken: null }, () => {});
    const page = await pageSignedInWith(viewerUrl);
    expect(await page.evaluate(async () => (await fetch('/api/v1/session')).json())).toEqual({ role: 'viewer' });
    expect(await saveDrawingFrom(page)).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: 'a viewer may only read; this needs the operator token', requestId: expect.any(String) } },
    });
    await page.goto(`${relay.url}/#/chart/BTCUSDT/1m`);
    await page.waitForSelector('[data-testid=banner-viewer]');
    expect(await page.textContent('[data-testid=banner-viewer]')).toContain('read-only');
    await waitForChart(page, 'BTCUSDT', '1m');
    await expect.poll(() => page.getByTestId('draw-hline').isDisabled()).toBe(true);
    await screenshot(page, 'access-viewer-chart');
  });

  it('a viewer sees the Simulate runs disabled with the reason, and a forced run record is a 403 that says why', async () => {
    const { port } = new URL(relay.url);
    const viewerUrl = runTokenCommand('viewer', { dataDir, host: '127.0.0.1', port: Number(port), operatorToken: null }, () => {});
    const page = await pageSignedInWith(viewerUrl);
    await page.goto(`${relay.url}/#/simulate`);
    await page.waitForSelector('[data-testid=sim-blocked-reason]');
    for (const button of ['sim-run', 'sim-compare', 'sim-sweep-run']) expect(await page.getByTestId(button).isDisabled()).toBe(true);
    const reason = await page.textContent('[data-testid=sim-blocked-reason]');
    expect(reason).toContain('Viewers cannot run simulations');
    expect(await page.getByTestId('sim-run').getAttribute('title')).toBe(reason);
    await screenshot(page, 'access-viewer-simulate');

    // What the page would post after a run, sent past the disabled button.
    const { report } = await backtestReport(btcColumns(300), strategyEntry('ema-rsi').bind({}), BTC_CONFIG);
    const forced = await page.evaluate(async (record) => {
      const res = await fetch(`/api/v1/strategies/${record.run.strategy.id}/simulate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(record),
      });
      return { status: res.status, body: (await res.json()) as unknown };
    }, backtestRecord(report));
    expect(forced).toEqual({ status: 403, body: { error: { code: 'forbidden', message: 'a viewer may only read; this needs the operator token', requestId: expect.any(String) } } });
  });

  it('an operator may run simulations on the same page', async () => {
    const page = await pageSignedInWith(relay.loginUrl);
    await page.goto(`${relay.url}/#/simulate`);
    await page.waitForSelector('[data-testid=sim-form]');
    await expect.poll(() => page.getByTestId('sim-run').isEnabled()).toBe(true);
    expect(await page.locator('[data-testid=sim-blocked-reason]').count()).toBe(0);
  });

  it('a browser that never opened the link is told to sign in, and the pasted token signs it in', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${relay.url}/#/dashboard`);
    await page.waitForSelector('[data-testid=banner-sign-in]');
    expect(await page.textContent('[data-testid=banner-sign-in]')).toContain('open the login link the relay printed');
    // The refused stream is the missing session, not an outage: no "Offline" on top of the sign-in bar.
    await page.waitForTimeout(4000);
    expect(await page.locator('[data-testid=banner-offline]').count()).toBe(0);
    await page.fill('[data-testid=sign-in-token]', 'not-the-token');
    await page.click('[data-testid=sign-in-submit]');
    await page.waitForSelector('[data-testid=sign-in-error]');
    expect(await page.textContent('[data-testid=sign-in-error]')).toContain('not valid');
    await screenshot(page, 'access-sign-in-refused');
    await page.fill('[data-testid=sign-in-token]', new URL(relay.loginUrl).searchParams.get('token')!);
    await page.click('[data-testid=sign-in-submit]');
    await page.waitForSelector('[data-testid=banner-sign-in]', { state: 'detached' });
    expect(await page.evaluate(async () => (await fetch('/api/v1/session')).json())).toEqual({ role: 'operator' });
    expect((await saveDrawingFrom(page)).status).toBe(201);
  });
});
