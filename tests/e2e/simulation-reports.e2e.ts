import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimulationResponseSchema } from '../../shared/simulations/index.ts';
import { fillRecentBacktest, screenshot, startBrowserSession, waitForChart, type BrowserSession } from './harness.ts';

/**
 * A backtest report as a trader reads it (benchmark, assumptions, trades table, CSV), a past run
 * reopened from Recent runs, and "Show on chart" framing the run's period on its own chart only.
 */
let session: BrowserSession;
let page: Page;
const pageErrors: string[] = [];

async function waitForRun(selector = '[data-testid=sim-results][data-kind=backtest]'): Promise<string> {
  await page.waitForSelector(`${selector}, [data-testid=sim-error]`, { timeout: 60_000 });
  const error = await page.$('[data-testid=sim-error]');
  if (error) throw new Error(`the run failed on the page: ${await error.textContent()}`);
  return (await page.getAttribute('[data-testid=sim-results]', 'data-run-id'))!;
}

const column = (testId: string) => page.$$eval(`[data-testid=sim-trade-row] [data-testid=${testId}]`, (tds) => tds.map((td) => td.textContent ?? ''));
/** Trade numbers and PnL (the second-to-last cell) in table order. */
const tableRows = () =>
  page.$$eval('[data-testid=sim-trade-row]', (trs) => trs.map((tr) => ({ n: Number(tr.getAttribute('data-n')), pnl: Number(tr.children[tr.children.length - 2]!.textContent!.replaceAll(',', '')), result: tr.getAttribute('data-result') })));

let firstRunId = '';
let firstMetrics = '';

beforeAll(async () => {
  session = await startBrowserSession('portal-reports-e2e-', { viewport: { width: 1400, height: 2400 } });
  page = session.page;
  page.on('pageerror', (err) => pageErrors.push(`${err.message}\n${err.stack ?? ''}`));
});

afterAll(async () => {
  await session?.close();
});

describe('backtest reports', () => {
  it('shows the equity against buy and hold, the Sharpe annualisation and the assumptions as a list', async () => {
    // ?debug exposes the main chart's controller for the Show-on-chart check below.
    await page.goto(`${session.sim.relay.url}/?debug#/simulate`);
    await fillRecentBacktest(page);
    await page.fill('[data-testid=sim-params-fastPeriod]', '5');
    await page.fill('[data-testid=sim-params-slowPeriod]', '20');
    await page.click('[data-testid=sim-run]');
    firstRunId = await waitForRun();

    const equity = '[data-testid=sim-equity-chart]';
    const points = Number(await page.getAttribute(equity, 'data-points'));
    expect(points).toBeGreaterThan(1000);
    expect(Number(await page.getAttribute(equity, 'data-benchmark-points'))).toBe(points);
    expect(await page.textContent('[data-testid=sim-equity-legend]')).toContain('Buy and hold (same start balance and fees)');
    expect(await page.$$eval('[data-testid=sim-metrics] thead th', (th) => th.map((t) => t.textContent))).toEqual(['Metric', 'Strategy', 'Buy and hold']);
    // Buy and hold has no trades of its own.
    expect(await page.$$eval('[data-testid=metric-tradeCount] td', (td) => td.map((t) => t.textContent)).then((cells) => cells[2])).toBe('—');
    expect(await page.textContent('[data-testid=metric-sharpe]')).toContain('Sharpe ratio (annualised)');
    expect(await page.textContent('[data-testid=sim-sharpe-note]')).toMatch(/√525,600 \(the 1m candles in a 365-day year.*factor 725\.0\)/);
    // Drawdown reads in percent in the table as on its chart.
    expect(await page.textContent('[data-testid=metric-maxDrawdown]')).toMatch(/\d+\.\d\d%/);

    const items = await page.$$eval('[data-testid=sim-assumptions] > ul > li', (li) => li.map((l) => l.textContent ?? ''));
    expect(items.map((t) => t.split(' ')[0])).toEqual(['Starting', 'Fees', 'Slippage', 'Fills', 'Order', 'Dataset', 'Buy']);
    expect(items[0]).toBe('Starting balance 10,000.00 quote');
    expect(items[1]).toContain('maker 0.100%, taker 0.100%');
    expect(items[5]).toMatch(/^Dataset BTCUSDT 1m, .* UTC, [\d,]+ candles \(sha256-[0-9a-f]{64}/);
    firstMetrics = (await page.textContent('[data-testid=sim-metrics]'))!;
    await screenshot(page, 'report-overview', { fullPage: true });
  });

  it('sorts and filters the trades, with duration and exit reason in words', async () => {
    const all = await tableRows();
    expect(all.length).toBeGreaterThan(3);
    expect(all.map((r) => r.n)).toEqual(all.map((_, i) => i + 1));
    const reasons = await column('sim-trade-exit-reason');
    for (const reason of reasons) expect(['Fast EMA crossed below the slow EMA', 'RSI reached the exit level', 'Still open at the end of the data']).toContain(reason);
    for (const d of await column('sim-trade-duration')) expect(d).toMatch(/^(\d+m|\d+h \d\dm|\d+d \d+h)$/);

    await page.click('[data-testid=sim-trades-sort-pnl]');
    const desc = (await tableRows()).map((r) => r.pnl);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(await page.getAttribute('[data-testid=sim-trades-sort-pnl] >> xpath=..', 'aria-sort')).toBe('descending');
    await page.click('[data-testid=sim-trades-sort-pnl]');
    const asc = (await tableRows()).map((r) => r.pnl);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));

    await page.selectOption('[data-testid=sim-trades-result]', 'loss');
    const losses = await tableRows();
    expect(losses.length).toBe(all.filter((r) => r.result === 'loss').length);
    expect(losses.every((r) => r.result === 'loss' && r.pnl <= 0)).toBe(true);
    expect(await page.textContent('[data-testid=sim-trades-count]')).toBe(`${losses.length} of ${all.length} trades`);
    await page.selectOption('[data-testid=sim-trades-result]', 'all');
    await page.selectOption('[data-testid=sim-trades-exit]', reasons[0]!);
    expect((await column('sim-trade-exit-reason')).every((r) => r === reasons[0])).toBe(true);
    await screenshot(page, 'report-trades-filtered');
    await page.selectOption('[data-testid=sim-trades-exit]', 'all');
  });

  it('downloads the trades as a CSV file in the table\'s order', async () => {
    const shown = await tableRows();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=sim-trades-csv]')]);
    expect(download.suggestedFilename()).toBe(`trades-BTCUSDT-1m-ema-rsi-${firstRunId.slice(0, 8)}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('Trade,Entry (UTC),Entry price,Exit (UTC),Exit price,Qty,Fees (quote),PnL (quote),Return %,Duration (minutes),Result,Exit reason');
    expect(lines.at(-1)).toBe('');
    const body = lines.slice(1, -1).map((l) => l.split(','));
    expect(body.map((f) => Number(f[0]))).toEqual(shown.map((r) => r.n));
    for (const [i, f] of body.entries()) {
      expect(f).toHaveLength(12);
      expect(f[1]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
      expect(Number(f[7]).toFixed(2)).toBe(shown[i]!.pnl.toFixed(2));
    }
  });

  it('reopens a past run from Recent runs with the report it had', async () => {
    await page.fill('[data-testid=sim-params-fastPeriod]', '8');
    await page.click('[data-testid=sim-run]');
    await page.waitForFunction((id) => document.querySelector('[data-testid=sim-results]')?.getAttribute('data-run-id') !== id, firstRunId, { timeout: 60_000 });
    await waitForRun();
    expect(await page.textContent('[data-testid=sim-metrics]')).not.toBe(firstMetrics);

    await page.click(`[data-testid=sim-recent-run][data-run-id="${firstRunId}"] [data-testid=sim-open-run]`);
    await waitForRun(`[data-testid=sim-results][data-run-id="${firstRunId}"][data-reopened=true]`);
    expect(await page.textContent('[data-testid=sim-run-meta]')).toContain(`Reopened run ${firstRunId}`);
    expect(await page.textContent('[data-testid=sim-metrics]')).toBe(firstMetrics);
    // The form shows what the reopened run ran with, not the params typed since.
    expect(await page.inputValue('[data-testid=sim-params-fastPeriod]')).toBe('5');
    // A reproduced run raises no "differs from the recorded run" warning, and is not recorded twice.
    expect(await page.$('[data-testid=sim-warning]')).toBeNull();
    expect(await page.locator(`[data-testid=sim-recent-run][data-run-id="${firstRunId}"]`).count()).toBe(1);
    expect(await page.textContent(`[data-testid=sim-recent-run][data-run-id="${firstRunId}"] [data-testid=sim-open-run]`)).toBe('Shown above');
    expect(Number(await page.getAttribute('[data-testid=sim-equity-chart]', 'data-benchmark-points'))).toBeGreaterThan(1000);
    await screenshot(page, 'report-reopened');
  });

  it('jumps the chart to the run\'s period with its markers, and shows the run on its own chart only', async () => {
    const res = await fetch(`${session.sim.relay.url}/api/v1/simulations/${firstRunId}`, { headers: session.sim.auth });
    const { dataset } = SimulationResponseSchema.parse(await res.json()).simulation.run;
    await page.click('[data-testid=sim-results] [data-testid=sim-show-on-chart]');
    await page.waitForFunction(() => window.location.hash === '#/chart/BTCUSDT/1m');
    const chip = `[data-testid=chart-run-chip][data-run-id="${firstRunId}"]`;
    await page.waitForSelector(`${chip}[data-focused=true]`, { timeout: 30_000 });

    const range = await page.evaluate(() => {
      const w = window as unknown as { __chart: { getApi(): { chart: { timeScale(): { getVisibleRange(): { from: number; to: number } | null } } } } };
      return w.__chart.getApi().chart.timeScale().getVisibleRange();
    });
    const runFrom = dataset.from / 1000;
    const runTo = dataset.to / 1000;
    const margin = (runTo - runFrom) * 0.1;
    expect(range).not.toBeNull();
    expect(range!.from).toBeLessThanOrEqual(runFrom);
    expect(range!.from).toBeGreaterThan(runFrom - margin);
    expect(range!.to).toBeGreaterThanOrEqual(runTo);
    expect(range!.to).toBeLessThan(runTo + margin);
    // The chart loaded back to the run's start, so every entry and exit is marked.
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel);
      return el !== null && Number(el.getAttribute('data-run-markers')) > 0 && el.getAttribute('data-trade-markers') === el.getAttribute('data-run-markers');
    }, chip);
    await screenshot(page, 'chart-run-period');

    for (const [symbol, interval] of [['BTCUSDT', '5m'], ['ETHBTC', '1m']] as const) {
      await page.evaluate((hash) => (window.location.hash = hash), `#/chart/${symbol}/${interval}`);
      await waitForChart(page, symbol, interval);
      expect(await page.$('[data-testid=chart-run-chip]'), `${symbol} ${interval}`).toBeNull();
      // Framing the run zoomed out; the next chart opens at the zoom it had before, not squeezed.
      const zoom = await page.evaluate(() => {
        const w = window as unknown as { __chart: { getApi(): { chart: { options(): { timeScale: { minBarSpacing: number; barSpacing: number } } } } } };
        return w.__chart.getApi().chart.options().timeScale;
      });
      expect(zoom.minBarSpacing, `${symbol} ${interval}`).toBe(0.5);
      expect(zoom.barSpacing, `${symbol} ${interval}`).toBeGreaterThanOrEqual(2);
    }
    await screenshot(page, 'chart-other-symbol-no-run');
    await page.evaluate(() => (window.location.hash = '#/chart/BTCUSDT/1m'));
    await waitForChart(page, 'BTCUSDT', '1m');
    await page.waitForSelector(chip);
    expect(pageErrors).toEqual([]);
  });
});
