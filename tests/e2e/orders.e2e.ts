import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokenCommand } from '../../relay/access/token-commands.ts';
import { E2E_OPERATOR_TOKEN, screenshot, signIn, startBrowserSession, waitForChart, type BrowserSession } from './harness.ts';

/**
 * The orders panel against the relay's paper venue: a limit far under the market rests and is
 * cancelled, a market buy fills into history, a position and balances, the kill switch empties
 * the book, and a viewer gets no ticket.
 */
let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await startBrowserSession('portal-orders-e2e-', { viewport: { width: 1400, height: 900 } });
  page = session.page;
  await page.goto(`${session.sim.relay.url}/#/chart/BTCUSDT/1m`);
  await waitForChart(page, 'BTCUSDT', '1m');
  await page.waitForSelector('[data-testid=order-ticket]');
}, 60_000);

afterAll(async () => {
  await session?.close();
});

async function lastPrice(): Promise<number> {
  return page.evaluate(async () => {
    const body = (await (await fetch('/api/v1/tickers?symbols=BTCUSDT')).json()) as { tickers: { lastPrice: number }[] };
    return body.tickers[0]?.lastPrice ?? 0;
  });
}

const openOrderCount = () => page.locator('[data-testid=open-order]').count();

async function placeLimitFarBelow(): Promise<void> {
  await page.click('[data-testid=ticket-type-limit]');
  await page.click('[data-testid=ticket-side-buy]');
  await page.fill('[data-testid=ticket-price]', String(Math.round((await lastPrice()) / 2)));
  await page.fill('[data-testid=ticket-amount]', '0.001');
  await page.click('[data-testid=ticket-submit]');
}

describe('orders panel (paper)', () => {
  it('shows PAPER and the instrument rules, and refuses an off-tick price in the relay\'s words before sending', async () => {
    expect(await page.textContent('[data-testid=ticket-mode]')).toBe('PAPER');
    expect(await page.textContent('[data-testid=ticket-rules]')).toContain('tick 0.01 · lot 0.000001 · min 0.000011 BTC · min 5 USDT');
    await page.fill('[data-testid=ticket-price]', '1000.005');
    await page.fill('[data-testid=ticket-amount]', '0.01');
    await page.click('[data-testid=ticket-submit]');
    expect(await page.textContent('[data-testid=ticket-error]')).toBe('price 1000.005 is not a multiple of tickSize 0.01 for BTCUSDT');
    expect(await openOrderCount()).toBe(0);
  });

  it('places a limit buy far below the market, lists it as open, and cancels it', async () => {
    await placeLimitFarBelow();
    await page.waitForSelector('[data-testid=open-order]');
    expect(await openOrderCount()).toBe(1);
    await screenshot(page, 'orders-open-limit');
    await page.click('[data-testid=cancel-order]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=open-order]').length === 0);
    await page.waitForSelector('[data-testid=history-order][data-status=cancelled]');
  });

  it('a market buy fills: history shows its fill, a BTCUSDT position appears and the balances move', async () => {
    const usdtBefore = await page.textContent('[data-testid=balance][data-asset=USDT] [data-testid=balance-total]');
    await page.click('[data-testid=ticket-type-market]');
    await page.click('[data-testid=ticket-side-buy]');
    await page.fill('[data-testid=ticket-amount]', '0.001');
    await page.click('[data-testid=ticket-submit]');
    await page.waitForSelector('[data-testid=history-order][data-status=filled] [data-testid=history-fill]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=history-order][data-status=filled] [data-testid=history-fill]')).toMatch(/^fill 0\.001\d* @ [\d.]+ · fee [\d.]+ BTC · taker$/);
    await page.waitForSelector('[data-testid=position][data-symbol=BTCUSDT]', { timeout: 10_000 });
    await page.waitForSelector('[data-testid=balance][data-asset=BTC]', { timeout: 10_000 });
    expect(await page.textContent('[data-testid=balance][data-asset=USDT] [data-testid=balance-total]')).not.toBe(usdtBefore);
    // The fill is an arrow on the main chart, counted by the toggle that hides it.
    await page.waitForSelector('[data-testid=chart-fills-toggle][data-fill-markers="1"]', { timeout: 10_000 });
    await page.click('[data-testid=chart-fills-toggle]');
    await page.waitForSelector('[data-testid=chart-fills-toggle][data-fill-markers="0"][aria-pressed=false]');
    await page.click('[data-testid=chart-fills-toggle]');
    await page.waitForSelector('[data-testid=chart-fills-toggle][data-fill-markers="1"]');
    await screenshot(page, 'orders-market-filled');
  });

  it('the kill switch, after its confirm, leaves no open order', async () => {
    await placeLimitFarBelow();
    await page.waitForSelector('[data-testid=open-order]');
    await page.click('[data-testid=kill-switch]');
    await page.waitForSelector('[data-testid=kill-confirm]');
    await screenshot(page, 'orders-kill-confirm');
    await page.click('[data-testid=kill-confirm-yes]');
    await page.waitForSelector('[data-testid=kill-result]');
    expect(await page.textContent('[data-testid=kill-result]')).toContain('cancelled 1');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=open-order]').length === 0);
    const open = await page.evaluate(async () => ((await (await fetch('/api/v1/orders?status=open')).json()) as { orders: unknown[] }).orders.length);
    expect(open).toBe(0);
  });

  it('stacks under the chart at 390 px', async () => {
    const phone = await session.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, session.sim.relay);
    await phone.goto(`${session.sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(phone, 'BTCUSDT', '1m');
    await phone.waitForSelector('[data-testid=order-ticket]');
    const panel = await phone.locator('[data-testid=orders-panel]').boundingBox();
    const chart = await phone.locator('[data-testid=chart-frame], [data-testid=chart-container]').first().boundingBox();
    expect(panel!.y).toBeGreaterThan(chart!.y + chart!.height - 1);
    expect(panel!.x + panel!.width).toBeLessThanOrEqual(390);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.locator('[data-testid=orders-panel]').scrollIntoViewIfNeeded();
    await screenshot(phone, 'orders-phone');
    await phone.close();
  });

  it('a viewer sees no ticket, a line saying why, and the kill switch disabled', async () => {
    const { relay, dataDir } = session.sim;
    const viewerUrl = runTokenCommand('viewer', { dataDir, host: '127.0.0.1', port: Number(new URL(relay.url).port), operatorToken: E2E_OPERATOR_TOKEN }, () => {});
    const viewer = await (await session.browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await signIn(viewer, { ...relay, loginUrl: viewerUrl });
    await viewer.goto(`${relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(viewer, 'BTCUSDT', '1m');
    await viewer.waitForSelector('[data-testid=ticket-viewer-note]');
    expect(await viewer.textContent('[data-testid=ticket-viewer-note]')).toContain('viewer');
    expect(await viewer.locator('[data-testid=order-ticket]').count()).toBe(0);
    expect(await viewer.isDisabled('[data-testid=kill-switch]')).toBe(true);
    await screenshot(viewer, 'orders-viewer');
    await viewer.close();
  });
});

/**
 * `npm run demo`'s default: live against the in-process stand-in, signing with the pair the relay
 * made up. Orders are refused until the operator arms live in the panel; armed, a market buy is a
 * signed Bybit order that fills; the kill switch disarms again.
 */
describe('orders panel (live against the stand-in)', () => {
  let live: BrowserSession;
  let livePage: Page;
  beforeAll(async () => {
    live = await startBrowserSession('portal-orders-live-e2e-', { viewport: { width: 1400, height: 900 } }, { TRADING_MODE: 'live', LIVE_TRADING_CONFIRM: 'yes' });
    livePage = live.page;
    await livePage.goto(`${live.sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(livePage, 'BTCUSDT', '1m');
    await livePage.waitForSelector('[data-testid=live-arm][data-armed=false]');
  }, 60_000);
  afterAll(async () => {
    await live?.close();
  });

  it('refuses an order until armed, then places a signed market buy that fills; breaker and reconciliation are shown', async () => {
    expect(await livePage.textContent('[data-testid=ticket-mode]')).toBe('LIVE — real funds');
    expect(await livePage.textContent('[data-testid=live-arm-state]')).toBe('Live trading is not armed: orders to the offline stand-in are refused');
    await livePage.click('[data-testid=ticket-type-market]');
    await livePage.click('[data-testid=ticket-side-buy]');
    await livePage.fill('[data-testid=ticket-amount]', '0.001');
    await livePage.click('[data-testid=ticket-submit]');
    await livePage.waitForSelector('[data-testid=ticket-error]');
    expect(await livePage.textContent('[data-testid=ticket-error]')).toMatch(/^live trading is not armed: .*nothing was sent/);

    await livePage.click('[data-testid=live-arm-button]');
    await livePage.waitForSelector('[data-testid=live-arm-confirm]');
    expect(await livePage.textContent('[data-testid=live-arm-confirm]')).toContain('the offline stand-in');
    await livePage.click('[data-testid=live-arm-yes]');
    await livePage.waitForSelector('[data-testid=live-arm][data-armed=true]');

    await livePage.click('[data-testid=ticket-submit]');
    await livePage.waitForSelector('[data-testid=history-order][data-status=filled] [data-testid=history-fill]', { timeout: 10_000 });
    await livePage.waitForSelector('[data-testid=chart-fills-toggle][data-fill-markers="1"]', { timeout: 10_000 });
    expect(await livePage.textContent('[data-testid=health-circuit]')).toMatch(/^Bybit circuit: closed/);
    await livePage.waitForFunction(() => /^Reconciliation: last /.test(document.querySelector('[data-testid=health-reconciliation]')?.textContent ?? ''), undefined, { timeout: 15_000 });
    expect(await livePage.textContent('[data-testid=health-dead-letters]')).toBe('Dead letters pending: 0');
    // The fill's wallet push reaches the relay over the private stream; the balances poll is answered from it.
    await livePage.waitForFunction(() => document.querySelector('[data-testid=balances-source]')?.textContent === "from Bybit's wallet stream", undefined, { timeout: 10_000 });
    await screenshot(livePage, 'orders-live-armed');

    await livePage.click('[data-testid=kill-switch]');
    await livePage.click('[data-testid=kill-confirm-yes]');
    await livePage.waitForSelector('[data-testid=live-arm][data-armed=false]');
  });

  it('shows the arming strip on a 390 px phone', async () => {
    const phone = await live.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, live.sim.relay);
    await phone.goto(`${live.sim.relay.url}/#/chart/BTCUSDT/1m`);
    await waitForChart(phone, 'BTCUSDT', '1m');
    await phone.locator('[data-testid=live-arm]').scrollIntoViewIfNeeded();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'orders-live-phone');
    await phone.close();
  });
});
