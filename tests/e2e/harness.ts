import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parseConfig } from '../../relay/config.ts';
import { isoDay } from '../../client/simulation/simulation-form.ts';
import { startRelay, type RelayDeps, type RunningRelay } from '../../relay/server.ts';

/**
 * What every browser test and browser benchmark shares: Debian's chromium (never a downloaded
 * build), a real relay with the in-process Bybit stand-in upstream, and one screenshot folder.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const SCREENSHOTS_DIR = 'test-output/screenshots';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface SimRelay {
  relay: RunningRelay;
  dataDir: string;
  /** Operator credentials for the test's own API calls. */
  auth: { authorization: string };
  /** Stops the relay and deletes its data folder. */
  close(): Promise<void>;
}

/** The harness relay's operator token, known so tests can sign in the browser and call the API. */
export const E2E_OPERATOR_TOKEN = 'e2e-operator-token-0123456789abcdefghijklmn';

/** Signs the page's browser context in through the relay's printed login link, as the trader would. */
export async function signIn(page: Page, relay: RunningRelay): Promise<void> {
  await page.goto(relay.loginUrl);
  await page.waitForURL(`${relay.url}/`);
}

/**
 * A relay on an ephemeral port in sim mode, with its SQLite data in a fresh temporary folder;
 * `deps` can hand it its upstream (then the caller closes that), and `env` adds to the relay's
 * environment, e.g. TRADING_MODE=live against the stand-in.
 */
export async function startSimRelay(dataDirPrefix = 'portal-e2e-', deps: RelayDeps = {}, env: Record<string, string> = {}): Promise<SimRelay> {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  try {
    const relay = await startRelay(
      parseConfig({ BYBIT_ENV: 'sim', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn', OPERATOR_TOKEN: E2E_OPERATOR_TOKEN, ...env }),
      deps,
    );
    return {
      relay,
      dataDir,
      auth: { authorization: `Bearer ${E2E_OPERATOR_TOKEN}` },
      close: async () => {
        await relay.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
}

export interface BrowserSession {
  sim: SimRelay;
  browser: Browser;
  /** Signed in as operator through the relay's login link. */
  page: Page;
  close(): Promise<void>;
}

/** What most browser tests start from: a sim relay, Debian's chromium and one signed-in page. */
export async function startBrowserSession(dataDirPrefix: string, pageOptions: Parameters<Browser['newPage']>[0], env: Record<string, string> = {}): Promise<BrowserSession> {
  const sim = await startSimRelay(dataDirPrefix, {}, env);
  const browser = await launchChromium().catch(async (err: unknown) => {
    await sim.close();
    throw err;
  });
  const close = async () => {
    await browser.close();
    await sim.close();
  };
  try {
    const page = await browser.newPage(pageOptions);
    await signIn(page, sim.relay);
    return { sim, browser, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Fills the Simulate form for ema-rsi on BTCUSDT 1m over the last two days, once the relay's
 * symbols are in the picker (so the run uses BTCUSDT's real rules); the caller runs it.
 */
export async function fillRecentBacktest(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=sim-symbol] option').length > 1, undefined, { timeout: 20_000 });
  await page.selectOption('[data-testid=sim-strategy]', 'ema-rsi');
  await page.selectOption('[data-testid=sim-symbol]', 'BTCUSDT');
  await page.selectOption('[data-testid=sim-interval]', '1m');
  const now = Date.now();
  await page.fill('[data-testid=sim-fromDate]', isoDay(now - 2 * 86_400_000));
  await page.fill('[data-testid=sim-toDate]', isoDay(now));
}

/** Saves `test-output/screenshots/<name>.png` (kept after the run for people to look at). */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = `${SCREENSHOTS_DIR}/${name}.png`;
  await page.screenshot({ path, ...options });
  return path;
}

/** Waits until the chart workspace shows candles, for the given symbol/interval when named. */
export async function waitForChart(page: Page, symbol?: string, interval?: string): Promise<void> {
  await page.waitForFunction(
    ([s, i]) => {
      const el = document.querySelector('[data-testid=chart-container]');
      return (
        el !== null &&
        (s === null || el.getAttribute('data-symbol') === s) &&
        (i === null || el.getAttribute('data-interval') === i) &&
        el.getAttribute('data-phase') === 'ready' &&
        Number(el.getAttribute('data-candle-count')) > 0
      );
    },
    [symbol ?? null, interval ?? null] as const,
    { timeout: 20_000 },
  );
}
