import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, fillRecentBacktest, screenshot, type SimRelay, startBrowserSession } from './harness.ts';

/** A backtest's price, equity and drawdown charts open on the whole run, not on its last part. */
let session: BrowserSession;
let sim: SimRelay;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession('portal-sim-fit-e2e-', { viewport: { width: 1400, height: 2600 } });
  ({ sim, page } = session);
});

afterAll(() => session?.close());


/** Logical bar range in view, and how many bars the chart holds. */
async function view(testId: string, countAttr: string): Promise<{ from: number; to: number; bars: number }> {
  const el = page.getByTestId(testId);
  return {
    from: Number(await el.getAttribute('data-visible-from')),
    to: Number(await el.getAttribute('data-visible-to')),
    bars: Number(await el.getAttribute(countAttr)),
  };
}

async function expectWholeRun(): Promise<void> {
  for (const [testId, countAttr] of [
    ['sim-price-chart', 'data-candle-count'],
    ['sim-equity-chart', 'data-points'],
    ['sim-drawdown-chart', 'data-points'],
  ] as const) {
    await expect
      .poll(async () => {
        const { from, to, bars } = await view(testId, countAttr);
        return from <= 0.5 && to >= bars - 1.5 ? 'whole run' : `${from}..${to} of ${bars}`;
      }, { timeout: 5_000 })
      .toBe('whole run');
  }
}

describe('backtest charts', () => {
  it('fit the whole run when they open and after a resize', async () => {
    await page.goto(`${sim.relay.url}/#/simulate`);
    await fillRecentBacktest(page);
    await page.click('[data-testid=sim-run]');
    await page.waitForSelector('[data-testid=sim-results][data-kind=backtest]', { timeout: 60_000 });
    await expectWholeRun();
    await screenshot(page, 'simulation-charts-fit');

    await page.setViewportSize({ width: 900, height: 2600 });
    await expectWholeRun();
  });
});
