import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../relay/access/token-commands.ts';
import { z } from 'zod';
import { StrategyVersionSchema } from '../../shared/strategy-versions/index.ts';
import { E2E_OPERATOR_TOKEN, screenshot, signIn, startBrowserSession, type BrowserSession } from './harness.ts';
import { workbenchSteps } from './workbench-steps.ts';

/**
 * The Strategy workbench of the built app on a real relay over the Bybit stand-in: versions are
 * created, simulated in the browser's workers (the run is recorded by the relay), approved on that
 * evidence, activated and rolled back, and a viewer reads the same page without a single decision button.
 */
let session: BrowserSession;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  // The page scrolls inside the app shell, so screenshots only show the viewport: make it tall.
  session = await startBrowserSession('portal-workbench-e2e-', { viewport: { width: 1500, height: 2200 } });
  page = session.page;
  page.on('pageerror', (err) => pageErrors.push(`${err.message}\n${err.stack ?? ''}`));
});

afterAll(() => session?.close());

const { row, createDraft: draft, simulate, approve, activate } = workbenchSteps(() => page);

async function versionsOnRelay() {
  const res = await fetch(`${session.sim.relay.url}/api/v1/strategies/ema-rsi/versions`, { headers: session.sim.auth });
  expect(res.status).toBe(200);
  return z.object({ versions: z.array(StrategyVersionSchema) }).parse(await res.json()).versions;
}

const createDraft = (fastPeriod: string, note: string) => draft({ fastPeriod }, note);

describe('strategy workbench', () => {
  it('lists the strategies and opens one from the nav', async () => {
    await page.goto(session.sim.relay.url);
    await page.click('[data-testid=nav-strategies]');
    await page.waitForSelector('[data-testid=strategies-page]');
    expect(await page.locator('[data-testid=strategy-card]').count()).toBe(3);
    await page.waitForSelector('[data-testid=strategy-card][data-strategy-id=ema-rsi] [data-testid=strategy-active]');
    expect(await page.textContent('[data-testid=strategy-card][data-strategy-id=ema-rsi] [data-testid=strategy-active]')).toContain('No active version');
    await page.click('[data-testid=strategy-card][data-strategy-id=ema-rsi] [data-testid=strategy-open]');
    await page.waitForSelector('[data-testid=strategy-workbench][data-strategy-id=ema-rsi]');
    expect(page.url()).toContain('#/strategies/ema-rsi');
    await page.waitForSelector('[data-testid=new-version-form]');
  });

  it('says so for a strategy that does not exist', async () => {
    await page.goto(`${session.sim.relay.url}/#/strategies/no-such-strategy`);
    expect(await page.textContent('[data-testid=wb-unknown-strategy]')).toContain('ema-rsi');
    await page.goto(`${session.sim.relay.url}/#/strategies/ema-rsi`);
    await page.waitForSelector('[data-testid=new-version-form]');
  });

  it('creates a draft, refuses to approve it before a simulation, and shows the comparison it simulates', async () => {
    await createDraft('10', 'first version');
    await row(1).waitFor();
    expect(await row(1).getAttribute('data-state')).toBe('draft');

    await row(1).locator('[data-testid=version-approve]').click();
    expect(await page.textContent('[data-testid=wb-action-error]')).toContain('press Simulate');

    const runId = await simulate(1);
    expect(await page.textContent('[data-testid=wb-evidence] h3')).toContain('v1 against the default params');
    expect(['better', 'worse', 'inconclusive']).toContain(await page.getAttribute('[data-testid=sim-verdict]', 'data-verdict'));
    expect(['true', 'false']).toContain(await page.getAttribute('[data-testid=sim-overfit]', 'data-overfitting'));
    expect(await page.textContent('[data-testid=sim-split]')).toContain('Out-of-sample');
    expect(Number(await page.getAttribute('[data-testid=wb-evidence] [data-testid=sim-equity-chart]', 'data-points'))).toBeGreaterThan(1000);
    expect(await page.textContent('[data-testid=wb-evidence] [data-testid=sim-equity-legend]')).toContain('Baseline');
    expect(await page.textContent('[data-testid=wb-evidence] [data-testid=sim-assumptions]')).toContain('taker 0.100%');
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, 'workbench-simulated');
  });

  it('approves the simulated version on its recorded evidence and activates it', async () => {
    await approve(1);
    const approved = (await versionsOnRelay()).find((v) => v.version === 1);
    expect(approved?.approvalState).toBe('approved');
    expect(approved?.evidenceRunId).toEqual(expect.any(String));
    await activate(1);
    expect((await versionsOnRelay()).find((v) => v.version === 1)?.approvalState).toBe('active');
    await screenshot(page, 'workbench-approved-active');
  });

  it('rejects a draft with the reason the relay keeps', async () => {
    await createDraft('9', 'to be rejected');
    await row(2).waitFor();
    await row(2).locator('[data-testid=version-reject]').click();
    await page.fill('[data-testid=version-reject-reason]', 'fast EMA too close to the slow one');
    await page.click('[data-testid=version-reject-confirm]');
    await page.waitForSelector('[data-testid=version-row][data-version="2"][data-state=retired]');
    expect((await versionsOnRelay()).find((v) => v.version === 2)?.approvalState).toBe('retired');
  });

  it('a viewer reads the versions and the evidence but has no approve, activate or rollback button', async () => {
    const { relay, dataDir } = session.sim;
    const viewerUrl = runTokenCommand('viewer', { dataDir, host: '127.0.0.1', port: Number(new URL(relay.url).port), operatorToken: E2E_OPERATOR_TOKEN }, () => {});
    const viewer = await (await session.browser.newContext({ viewport: { width: 1400, height: 1200 } })).newPage();
    await signIn(viewer, { ...relay, loginUrl: viewerUrl });
    await viewer.goto(`${relay.url}/#/strategies/ema-rsi`);
    await viewer.waitForSelector('[data-testid=version-row][data-version="1"]');
    await viewer.waitForSelector('[data-testid=wb-viewer-note]');
    for (const button of ['version-approve', 'version-reject', 'version-activate', 'version-rollback', 'version-simulate', 'version-create']) {
      expect(await viewer.locator(`[data-testid=${button}]`).count(), button).toBe(0);
    }
    await screenshot(viewer, 'workbench-viewer');
    await viewer.close();
  });

  it('fits a 390 px phone: the lists first, the simulation below them', async () => {
    const phone = await (await session.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signIn(phone, session.sim.relay);
    await phone.goto(`${session.sim.relay.url}/#/strategies/ema-rsi`);
    await phone.waitForSelector('[data-testid=version-row][data-version="1"]');
    expect(await phone.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
    const badge = await phone.getByTestId('mode-badge').boundingBox();
    expect(badge!.x + badge!.width).toBeLessThanOrEqual(390);
    await screenshot(phone, 'workbench-phone');
    await phone.locator('[data-testid=wb-evidence]').scrollIntoViewIfNeeded();
    await screenshot(phone, 'workbench-phone-evidence');
    await phone.close();
  });

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
