import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, screenshot, type SimRelay, startBrowserSession } from './harness.ts';

/** Form errors on the Simulate page name the field in a trader's words and mark that field. */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession('portal-sim-form-e2e-', { viewport: { width: 1400, height: 1000 } });
  ({ sim, page } = session);
});

afterAll(() => session?.close());

async function expectMarked(testId: string, message: string): Promise<void> {
  expect(await page.textContent(`[data-testid=${testId}-error]`)).toBe(message);
  const input = page.getByTestId(testId);
  expect(await input.getAttribute('aria-invalid')).toBe('true');
  const border = await input.evaluate((el) => getComputedStyle(el).borderColor);
  const normal = await page.getByTestId('sim-makerFeePct').evaluate((el) => getComputedStyle(el).borderColor);
  expect(border, `${testId} is highlighted`).not.toBe(normal);
}

describe('simulation form errors', () => {
  it('names the starting balance and strategy fields and highlights them', async () => {
    await page.goto(`${sim.relay.url}/#/simulate`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sim-symbol] option').length > 1, undefined, { timeout: 20_000 });
    await page.selectOption('[data-testid=sim-strategy]', 'ema-rsi');
    await page.fill('[data-testid=sim-initialQuote]', '1e15');
    await page.fill('[data-testid=sim-params-fastPeriod]', '1');
    await page.fill('[data-testid=sim-params-rsiPeriod]', 'abc');
    await page.click('[data-testid=sim-run]');

    await expectMarked('sim-initialQuote', 'Starting balance must be at most 1,000,000,000');
    await expectMarked('sim-params-fastPeriod', 'Fast EMA period must be at least 2');
    await expectMarked('sim-params-rsiPeriod', 'RSI period must be a number');
    expect(await page.getByTestId('sim-makerFeePct').getAttribute('aria-invalid')).toBe('false');
    expect(await page.textContent('[data-testid=sim-error]')).toContain('fix the highlighted fields: Fast EMA period must be at least 2');
    expect(await page.locator('[data-testid=sim-results]').count()).toBe(0);
    await screenshot(page, 'simulation-form-errors');
  });
});
