import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RunnerStatusResponseSchema } from '../../shared/runner/schemas.ts';
import { StrategyVersionSchema } from '../../shared/strategy-versions/index.ts';
import { startRelayOverStandIn, type RelayOverStandIn } from '../../relay/relay-over-standin.ts';
import { QUICK_EMA_RSI_PARAMS } from '../../relay/runner/test-active-versions.ts';
import { launchChromium, screenshot, signIn } from './harness.ts';
import { workbenchSteps } from './workbench-steps.ts';

/**
 * The trader's whole loop in the built app, on a relay over the Bybit stand-in whose clock the test
 * moves a minute at a time: a version is simulated, approved and activated, and the relay's runner
 * trades it on paper (its trades and the per-trade diff with the backtest show in the workbench);
 * a local-advisor review suggests params, its comparison is shown, a draft of them is approved
 * and activated, and one click rolls back to the version before.
 */
const MINUTE = 60_000;
let setup: RelayOverStandIn;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const { row, createDraft, simulate, approve, activate } = workbenchSteps(() => page);

beforeAll(async () => {
  setup = await startRelayOverStandIn({ tickMs: 200, realSymbols: ['BTCUSDT'] }, () => ({}), { distDir: fileURLToPath(new URL('../../dist', import.meta.url)) });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 2400 } });
  page.on('pageerror', (err) => pageErrors.push(`${err.message}\n${err.stack ?? ''}`));
  await signIn(page, setup.relay);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await setup?.close();
});

async function versionsOnRelay() {
  const { status, body } = await setup.api('GET', '/strategies/ema-rsi/versions');
  expect(status).toBe(200);
  return z.object({ versions: z.array(StrategyVersionSchema) }).parse(body).versions;
}

async function runner() {
  const { status, body } = await setup.api('GET', '/strategies/ema-rsi/runner');
  expect(status).toBe(200);
  return RunnerStatusResponseSchema.parse(body).runner;
}

describe('review → approve → activate → the runner trades on paper → roll back', () => {
  it('activates a version that trades often and shows the runner at work, with its parity diff', async () => {
    await page.goto(`${setup.relay.url}/#/strategies/ema-rsi`);
    await page.waitForSelector('[data-testid=new-version-form]');
    expect(await page.textContent('[data-testid=active-version]')).toContain('None');
    const quick = Object.fromEntries(Object.entries(QUICK_EMA_RSI_PARAMS).map(([k, v]) => [k, String(v)]));
    await createDraft(quick, 'quick EMAs, to see the runner trade');
    await row(1).waitFor();
    await simulate(1);
    await approve(1);
    await activate(1);
    await page.waitForSelector('[data-testid=runner-view][data-state=running]', { timeout: 30_000 });

    // Minutes pass on the exchange; each closed candle reaches the run, which enters and leaves on paper.
    for (let minute = 0; minute < 240 && (await runner()).trades < 2; minute++) {
      const before = (await runner()).lastCandle;
      setup.sim.advanceTime(MINUTE);
      for (let polls = 0; polls < 400 && (await runner()).lastCandle === before; polls++) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const ran = await runner();
    expect(ran.trades, JSON.stringify({ ran, orders: (await setup.api('GET', '/orders')).body, intents: (await setup.api('GET', '/audit?kind=order.intent&limit=3')).body, balances: (await setup.api('GET', '/balances')).body })).toBeGreaterThanOrEqual(2);
    // The workbench shows what the relay reports (it re-reads the runner every few seconds).
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=runner-view]')?.getAttribute('data-trades')) >= 2, undefined, { timeout: 20_000 });
    expect(await page.textContent('[data-testid=runner-status]')).toMatch(/running v1 on BTCUSDT 1m/);
    const rows = await page.$$eval('[data-testid=parity-row]', (trs) => trs.map((tr) => tr.getAttribute('data-status')));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    // The backtest of the same version on the same candles made the same trades.
    expect(rows.filter((s) => s === 'matched').length).toBeGreaterThanOrEqual(2);
    const { body } = await setup.api('GET', '/orders');
    const orders = (body as { orders: { venue: string; strategyId: string | null }[] }).orders.filter((o) => o.strategyId === 'ema-rsi');
    expect(orders.length).toBeGreaterThanOrEqual(2);
    expect(orders.every((o) => o.venue === 'paper')).toBe(true);
    await page.locator('[data-testid=wb-runner]').scrollIntoViewIfNeeded();
    await screenshot(page, 'workbench-runner-parity');
  });

  it('fits a 390 px phone, tables scrolling inside themselves', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await signIn(phone, setup.relay);
    await phone.goto(`${setup.relay.url}/#/strategies/ema-rsi`);
    await phone.waitForSelector('[data-testid=parity-table]', { timeout: 30_000 });
    expect(await phone.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth))).toBeLessThanOrEqual(390);
    await phone.locator('[data-testid=wb-runner]').scrollIntoViewIfNeeded();
    await screenshot(phone, 'workbench-runner-phone');
    await phone.close();
  });

  it('reviews with the local advisor, shows its comparison, and a draft of its params goes through the same gate', async () => {
    await page.fill('[data-testid=review-rounds]', '1');
    await page.selectOption('[data-testid=review-advisor]', 'local');
    await page.click('[data-testid=review-start]');
    await page.waitForSelector('[data-testid=review-loop]:not([data-state=running])', { timeout: 90_000 });
    expect(await page.getAttribute('[data-testid=review-loop]', 'data-state')).toBe('finished');
    expect(await page.textContent('[data-testid=review-source]')).toContain('local advisor');
    const round = page.locator('[data-testid=review-round][data-round="1"]');
    await round.locator('[data-testid=suggestion-rationale]').waitFor();
    expect(await round.locator('[data-testid=suggestion-deltas] li').count()).toBeGreaterThan(0);
    expect(await round.locator('[data-testid=round-comparison]').textContent()).toContain('Out-of-sample');
    expect(await round.locator('[data-testid=round-comparison]').textContent()).toContain('Walk-forward');

    const loopRun = (await setup.api('GET', `/review-loops/${await page.getAttribute('[data-testid=review-loop]', 'data-loop-id')}`)).body as { loop: { rounds: { simulationRunId: string }[] } };
    const runId = loopRun.loop.rounds[0]!.simulationRunId;
    await round.locator('[data-testid=round-show]').click();
    // The loop's own run, re-run in the browser on the same candles (checked by hash), not the comparison shown before.
    await page.waitForSelector(`[data-testid=wb-comparison][data-run-id="${runId}"], [data-testid=wb-evidence-error]`, { timeout: 60_000 });
    expect(await page.$('[data-testid=wb-evidence-error]')).toBeNull();
    expect(await page.textContent('[data-testid=wb-evidence] h3')).toContain("round 1's suggestion");
    expect(await page.textContent('[data-testid=wb-evidence]')).toContain('Walk-forward');
    await screenshot(page, 'workbench-review-round');

    // Suggestions are never applied: a draft is made, recorded as simulated by the loop's run, and approved by hand.
    await round.locator('[data-testid=round-draft]').click();
    await row(2).waitFor();
    await page.waitForSelector('[data-testid=version-row][data-version="2"][data-state=simulated]');
    const drafted = (await versionsOnRelay()).find((v) => v.version === 2)!;
    expect(drafted.origin).toMatchObject({ kind: 'suggestion' });
    expect(drafted.evidenceRunId).toEqual(expect.any(String));
    await approve(2);
    await activate(2);
    expect(await page.getAttribute('[data-testid=active-version]', 'data-version')).toBe('2');
    await page.waitForSelector('[data-testid=runner-view] [data-testid=runner-status]:has-text("v2")', { timeout: 30_000 });
  });

  it('rolls back to the version active before, in one click', async () => {
    await page.click('[data-testid=version-rollback]');
    await page.waitForSelector('[data-testid=version-row][data-version="1"][data-state=active]');
    expect((await versionsOnRelay()).find((v) => v.approvalState === 'active')?.version).toBe(1);
    await page.waitForSelector('[data-testid=runner-view] [data-testid=runner-status]:has-text("v1")', { timeout: 30_000 });
    await screenshot(page, 'workbench-rolled-back');
  });

  it('still shows the versions from the browser’s copy when the relay cannot be reached, with no decision buttons enabled', async () => {
    await page.route('**/api/v1/strategies/**', (route) => route.abort('connectionrefused'));
    await page.reload();
    await page.waitForSelector('[data-testid=wb-versions-offline]', { timeout: 30_000 });
    expect(await page.textContent('[data-testid=wb-versions-offline]')).toContain('relay unreachable');
    expect(await page.getAttribute('[data-testid=version-row][data-version="1"]', 'data-state')).toBe('active');
    expect(await page.getAttribute('[data-testid=version-row][data-version="2"]', 'data-state')).toBe('approved');
    expect(await page.locator('[data-testid=version-rollback]').isDisabled()).toBe(true);
    await page.unroute('**/api/v1/strategies/**');
    expect(pageErrors).toEqual([]);
  });

});
