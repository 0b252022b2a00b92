import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningRelay } from '../../relay/server.ts';
import { SimulationResponseSchema } from '../../shared/simulations/index.ts';
import { fillRecentBacktest, launchChromium, screenshot, signIn, startSimRelay, type SimRelay } from './harness.ts';

/**
 * The Simulate page of the built app (npm run build) on a real relay with the in-process Bybit
 * stand-in: candles come through the relay into IndexedDB, backtests run in Web Workers, and
 * every run is recorded by the relay.
 */
let sim: SimRelay;
let relay: RunningRelay;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];


/** Resolves when results of `kind` show; fails at once with the page's error text if the run fails. */
async function waitForResults(kind: string): Promise<void> {
  await page.waitForSelector(`[data-testid=sim-results][data-kind=${kind}], [data-testid=sim-error]`, { timeout: 60_000 });
  const error = await page.$('[data-testid=sim-error]');
  if (error) throw new Error(`the ${kind} failed on the page: ${await error.textContent()}`);
}

async function recordedByRelay(runId: string) {
  const res = await fetch(`${relay.url}/api/v1/simulations/${runId}`, { headers: sim.auth });
  expect(res.status).toBe(200);
  return SimulationResponseSchema.parse(await res.json()).simulation;
}

beforeAll(async () => {
  sim = await startSimRelay('portal-sim-e2e-');
  relay = sim.relay;
  browser = await launchChromium();
  // The page scrolls inside the app shell, so screenshots only show the viewport: make it tall.
  const context = await browser.newContext({ viewport: { width: 1400, height: 2600 } });
  page = await context.newPage();
  await signIn(page, sim.relay);
  page.on('pageerror', (err) => pageErrors.push(`${err.message}\n${err.stack ?? ''}`));
});

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe('simulation workbench in the browser', () => {
  it('runs ema-rsi on BTCUSDT 1m over the last days: metrics, trades, markers, equity, and the relay record', async () => {
    await page.goto(relay.url);
    await page.click('[data-testid=nav-simulate]');
    await page.waitForSelector('[data-testid=simulation-page]');
    expect(page.url()).toContain('#/simulate');
    await fillRecentBacktest(page);
    await page.fill('[data-testid=sim-params-fastPeriod]', '5');
    await page.fill('[data-testid=sim-params-slowPeriod]', '20');
    await page.click('[data-testid=sim-run]');
    await waitForResults('backtest');

    const metricRows = await page.$$eval('[data-testid=sim-metrics] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(metricRows).toContain('metric-netReturn');
    expect(metricRows).toContain('metric-maxDrawdown');
    expect(await page.textContent('[data-testid=sim-assumptions]')).toMatch(/maker 0\.100%, taker 0\.100%.*decision on candle t close/s);

    const trades = await page.$$('[data-testid=sim-trade-row]');
    expect(trades.length).toBeGreaterThan(0);
    const markers = Number(await page.getAttribute('[data-testid=sim-price-chart]', 'data-marker-count'));
    expect(markers).toBeGreaterThanOrEqual(trades.length);
    expect(Number(await page.getAttribute('[data-testid=sim-price-chart]', 'data-candle-count'))).toBeGreaterThan(1440);
    expect(Number(await page.getAttribute('[data-testid=sim-equity-chart]', 'data-points'))).toBeGreaterThan(1000);
    expect(await page.locator('[data-testid=sim-price-chart] canvas').count()).toBeGreaterThan(0);

    await page.waitForSelector('[data-testid=sim-relay-status][data-status=posted]');
    const runId = (await page.getAttribute('[data-testid=sim-results]', 'data-run-id'))!;
    const recorded = await recordedByRelay(runId);
    expect(recorded.kind).toBe('backtest');
    expect(recorded.run.params).toMatchObject({ fastPeriod: 5, slowPeriod: 20 });
    expect(recorded.run.symbol).toBe('BTCUSDT');
    expect(recorded.run.dataset.hash).toMatch(/^sha256-[0-9a-f]{64}$/);
    expect(await page.locator(`[data-testid=sim-recent-run][data-run-id="${runId}"]`).count()).toBe(1);

    await screenshot(page, 'simulation-backtest', { fullPage: true });
  });

  it('shows a clear error for bad input instead of running', async () => {
    await page.fill('[data-testid=sim-params-fastPeriod]', '50');
    await page.fill('[data-testid=sim-takerFeePct]', '7');
    await page.click('[data-testid=sim-run]');
    expect(await page.textContent('[data-testid=sim-params-fastPeriod-error]')).toBe('Fast EMA period must be shorter than the slow EMA period');
    expect(await page.textContent('[data-testid=sim-takerFeePct-error]')).toContain('taker fee must be a percent between 0 and 1');
    expect(await page.textContent('[data-testid=sim-error]')).toContain('fix the highlighted fields');
    await screenshot(page, 'simulation-bad-input');
    await page.fill('[data-testid=sim-params-fastPeriod]', '5');
    await page.fill('[data-testid=sim-takerFeePct]', '0.1');
  });

  it('compares baseline vs candidate with an in-sample/out-of-sample split and shows the verdict', async () => {
    await page.fill('[data-testid=sim-inSamplePct]', '60');
    await page.click('[data-testid=sim-compare]');
    await waitForResults('comparison');
    const verdict = await page.getAttribute('[data-testid=sim-verdict]', 'data-verdict');
    expect(['better', 'worse', 'inconclusive']).toContain(verdict);
    expect(await page.textContent('[data-testid=sim-verdict]')).toBe(`Candidate is ${verdict}`);
    expect(await page.$$eval('[data-testid=sim-reasons] li', (li) => li.length)).toBeGreaterThanOrEqual(4);
    expect(await page.textContent('[data-testid=sim-split]')).toContain('In-sample (60%');
    expect(['true', 'false']).toContain(await page.getAttribute('[data-testid=sim-overfit]', 'data-overfitting'));
    expect(await page.textContent('[data-testid=sim-split]')).toContain('k-fold 1 of 4');
    expect(await page.$$eval('[data-testid=sim-walk-forward] tbody tr', (tr) => tr.length)).toBe(5);
    expect(await page.textContent('[data-testid=sim-wf-stitched]')).toContain('Stitched out-of-sample');
    expect(await page.textContent('[data-testid=sim-thresholds]')).toContain('drawdown at most 5.00% deeper');

    await page.waitForSelector('[data-testid=sim-results][data-kind=comparison] [data-testid=sim-relay-status][data-status=posted]');
    const runId = (await page.getAttribute('[data-testid=sim-results]', 'data-run-id'))!;
    const recorded = await recordedByRelay(runId);
    expect(recorded.kind).toBe('comparison');
    expect(recorded.run.verdict).toBe(verdict);
    expect(recorded.inSampleFraction).toBe(0.6);
    expect(recorded.baselineParams).toMatchObject({ fastPeriod: 12, slowPeriod: 26 });
    // The relay keeps the whole comparison: the approval evidence.
    expect(recorded.comparison?.verdict).toBe(verdict);
    expect(recorded.comparison?.walkForward.windows).toHaveLength(4);
    expect(recorded.comparison?.config).toMatchObject({ inSampleFraction: 0.6, drawdownTolerance: 0.05, foldWinShare: 0.6 });
    await screenshot(page, 'simulation-compare', { fullPage: true });
  });

  it('sweeps a parameter over the worker pool with progress, and can cancel a sweep', async () => {
    await page.selectOption('[data-testid=sim-sweepParam]', 'fastPeriod');
    await page.fill('[data-testid=sim-sweepFrom]', '3');
    await page.fill('[data-testid=sim-sweepTo]', '15');
    await page.fill('[data-testid=sim-sweepStep]', '2');
    await page.click('[data-testid=sim-sweep-run]');
    await waitForResults('sweep');
    const values = await page.$$eval('[data-testid=sim-sweep-row] td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(values).toEqual(['3', '5', '7', '9', '11', '13', '15']);
    await screenshot(page, 'simulation-sweep', { fullPage: true });

    // A long sweep: cancel it while the progress bar is up; the page stays usable.
    await page.fill('[data-testid=sim-sweepFrom]', '2');
    await page.fill('[data-testid=sim-sweepTo]', '19');
    await page.fill('[data-testid=sim-sweepStep]', '0.05');
    await page.click('[data-testid=sim-sweep-run]');
    await page.waitForSelector('[data-testid=sim-progress]');
    await page.click('[data-testid=sim-cancel]');
    await page.waitForSelector('[data-testid=sim-warning]');
    expect(await page.textContent('[data-testid=sim-warning]')).toBe('cancelled');
    expect(await page.isEnabled('[data-testid=sim-run]')).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it('shows a finished run as entry/exit markers on the main chart, kept over a reload until cleared', async () => {
    await page.click('[data-testid=sim-run]');
    await waitForResults('backtest');
    const runId = (await page.getAttribute('[data-testid=sim-results]', 'data-run-id'))!;
    await page.click('[data-testid=sim-results] [data-testid=sim-show-on-chart]');

    await page.waitForFunction(() => window.location.hash === '#/chart/BTCUSDT/1m');
    const chip = `[data-testid=chart-run-chip][data-run-id="${runId}"]`;
    // Markers are set once the candle history has loaded into the series.
    const markersShown = async () => {
      await page.waitForSelector('[data-testid=chart-container][data-phase=ready]', { timeout: 20_000 });
      await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-trade-markers')) > 0, chip, { timeout: 20_000 });
      return Number(await page.getAttribute(chip, 'data-trade-markers'));
    };
    // Show on chart loads back to the run's start, so every entry and exit is marked.
    await page.waitForSelector(`${chip}[data-focused=true]`, { timeout: 20_000 });
    const total = Number(await page.getAttribute(chip, 'data-run-markers'));
    expect(await markersShown()).toBe(total);
    expect(await page.textContent(chip)).toContain(`Trades from run ${runId.slice(0, 8)} · EMA cross + RSI filter`);
    await screenshot(page, 'chart-with-run-markers');

    // A reload keeps the markers but not the jump: those in the loaded candles show.
    await page.reload();
    const afterReload = await markersShown();
    expect(afterReload).toBeLessThanOrEqual(total);

    // Another market shows neither the markers nor the chip.
    await page.click('[data-testid=interval-5m]');
    await page.waitForSelector('[data-testid=chart-container][data-interval="5m"][data-phase=ready]', { timeout: 20_000 });
    expect(await page.$('[data-testid=chart-run-chip]')).toBeNull();
    await page.click('[data-testid=interval-1m]');
    await markersShown();

    await page.click('[data-testid=chart-run-clear]');
    await page.waitForSelector('[data-testid=chart-run-chip]', { state: 'detached' });
    await page.reload();
    await page.waitForSelector('[data-testid=chart-container][data-phase=ready]', { timeout: 20_000 });
    expect(await page.$('[data-testid=chart-run-chip]')).toBeNull();

    // The Recent runs list offers the same for older runs, and leaving the chart with markers on is clean.
    await page.click('[data-testid=nav-simulate]');
    const listed = `[data-testid=sim-recent-run][data-run-id="${runId}"] [data-testid=sim-show-on-chart]`;
    await page.waitForSelector(listed);
    await page.click(listed);
    await page.waitForSelector(`${chip}[data-focused=true]`, { timeout: 20_000 });
    expect(await markersShown()).toBe(total);
    await page.click('[data-testid=nav-simulate]');
    await page.waitForSelector('[data-testid=simulation-page]');
    expect(pageErrors).toEqual([]);
  });
});
