import { createHmac } from 'node:crypto';
import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixed, fixedText, mul } from '../../../shared/matching/fixed-decimal.ts';
import { HISTORY_END } from '../history/build-history.ts';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';

/**
 * The private REST side driven by the real, unmodified bybit-api RestClientV5 over HTTP on
 * 127.0.0.1: it signs by Bybit's rules and the stand-in must accept exactly that.
 */
const API_KEY = 'TESTKEY00000000001';
const API_SECRET = 'TESTSECRET00000000000000000000000001';
let sim: BybitStandIn;
let client: RestClientV5;

beforeAll(async () => {
  sim = await startBybitStandIn({
    seed: 5,
    realSymbols: ['BTCUSDT', 'ETHBTC'],
    // Pinned simulated time: the walk is the same every run; signatures are still judged by the wall clock.
    startTime: HISTORY_END + 86_400_000,
    apiKey: API_KEY,
    apiSecret: API_SECRET,
    rateLimits: { '/v5/account/fee-rate': 3 },
  });
  client = new RestClientV5({ baseUrl: sim.restUrl, key: API_KEY, secret: API_SECRET, parseAPIRateLimits: true });
});
afterAll(() => sim.close());

async function lastPrice(): Promise<number> {
  const tickers = await client.getTickers({ category: 'spot', symbol: 'BTCUSDT' });
  return Number(tickers.result.list[0]!.lastPrice);
}

async function coin(name: string) {
  const wallet = await client.getWalletBalance({ accountType: 'UNIFIED' });
  return wallet.result.list[0]!.coin.find((c) => c.coin === name)!;
}

describe('orders through RestClientV5', () => {
  it('a resting limit buy locks its quote, shows in realtime, and cancels into history', async () => {
    const price = (Math.floor((await lastPrice()) * 0.9 * 100) / 100).toFixed(2);
    const created = await client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.010000', price, orderLinkId: 'rest-limit-1' });
    expect(created.retCode).toBe(0);
    expect(created.result.orderId).toMatch(/^\d{19}$/);
    expect(created.result.orderLinkId).toBe('rest-limit-1');

    const open = await client.getActiveOrders({ category: 'spot', symbol: 'BTCUSDT' });
    const item = open.result.list.find((o) => o.orderId === created.result.orderId)!;
    expect(item).toMatchObject({ orderStatus: 'New', price, qty: '0.010000', leavesQty: '0.010000', timeInForce: 'GTC', orderType: 'Limit' });
    // 0.01 BTC at the price, exactly (a float product may print 426.68980000000005).
    expect((await coin('USDT')).locked).toBe(fixedText(mul(fixed(price), fixed('0.01'))));

    const cancelled = await client.cancelOrder({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'rest-limit-1' });
    expect(cancelled.result).toEqual({ orderId: created.result.orderId, orderLinkId: 'rest-limit-1' });
    const history = await client.getHistoricOrders({ category: 'spot', orderId: created.result.orderId });
    expect(history.result.list[0]).toMatchObject({ orderStatus: 'Cancelled', cancelType: 'CancelByUser', leavesQty: '0.000000' });
    expect((await coin('USDT')).locked).toBe('0');
  });

  it('a quote-amount market buy fills as taker with its fee in BTC; a market sell pays its fee in USDT', async () => {
    const before = { btc: Number((await coin('BTC')).walletBalance), usdt: Number((await coin('USDT')).walletBalance) };
    const buy = await client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '100', marketUnit: 'quoteCoin' });
    expect(buy.retCode).toBe(0);
    const fills = await client.getExecutionList({ category: 'spot', orderId: buy.result.orderId });
    expect(fills.result.list.length).toBeGreaterThan(0);
    const fill = fills.result.list[0]!;
    expect(fill).toMatchObject({ isMaker: false, feeRate: '0.001', feeCurrency: 'BTC', execType: 'Trade', orderPrice: '0' });
    expect(Number(fill.execFee)).toBeCloseTo(Number(fill.execQty) * 0.001, 12);
    const order = (await client.getHistoricOrders({ category: 'spot', orderId: buy.result.orderId })).result.list[0]!;
    expect(['Filled', 'PartiallyFilledCanceled']).toContain(order.orderStatus);
    expect(order.timeInForce).toBe('IOC');
    const after = { btc: Number((await coin('BTC')).walletBalance), usdt: Number((await coin('USDT')).walletBalance) };
    expect(after.btc - before.btc).toBeCloseTo(Number(order.cumExecQty) - Number(order.cumExecFee), 9);
    expect(before.usdt - after.usdt).toBeCloseTo(Number(order.cumExecValue), 6);

    const sell = await client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Sell', orderType: 'Market', qty: '0.001' });
    const sold = (await client.getExecutionList({ category: 'spot', orderId: sell.result.orderId })).result.list;
    expect(sold.every((f) => f.feeCurrency === 'USDT')).toBe(true);
    expect(Number(sold[0]!.execFee)).toBeCloseTo(Number(sold[0]!.execValue) * 0.001, 10);
  });

  it('a resting limit fills as maker when the walk trades through it', async () => {
    const price = (Math.floor((await lastPrice()) * 0.9995 * 100) / 100).toFixed(2);
    const created = await client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.002', price });
    let status = 'New';
    for (let minute = 0; minute < 600 && status !== 'Filled'; minute++) {
      sim.advanceTime(60_000);
      status = (await client.getActiveOrders({ category: 'spot', orderId: created.result.orderId })).result.list[0]!.orderStatus;
    }
    expect(status).toBe('Filled');
    const fills = (await client.getExecutionList({ category: 'spot', orderId: created.result.orderId })).result.list;
    expect(fills.every((f) => f.isMaker && f.execPrice === price)).toBe(true);
  });

  it('amends a resting order’s price and quantity', async () => {
    const price = (Math.floor((await lastPrice()) * 0.8 * 100) / 100).toFixed(2);
    const created = await client.submitOrder({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price });
    const lower = (Number(price) - 1).toFixed(2);
    const amended = await client.amendOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: created.result.orderId, qty: '0.002', price: lower });
    expect(amended.retCode).toBe(0);
    const item = (await client.getActiveOrders({ category: 'spot', orderId: created.result.orderId })).result.list[0]!;
    expect(item).toMatchObject({ price: lower, qty: '0.002000', leavesQty: '0.002000' });
    const all = await client.cancelAllOrders({ category: 'spot', symbol: 'BTCUSDT' });
    expect(all.result.list.map((o) => o.orderId)).toContain(created.result.orderId);
    expect((all.result as unknown as { success: string }).success).toBe('1');
  });
});

describe('refusals carry Bybit retCodes in an HTTP 200 envelope', () => {
  const base = { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit' } as const;

  it.each([
    ['price off the tick', { ...base, qty: '0.001', price: '50000.005' }, 170134],
    ['qty off the lot', { ...base, qty: '0.0010001', price: '50000' }, 170137],
    ['qty under minOrderQty', { ...base, qty: '0.00001', price: '50000' }, 170136],
    ['notional under minOrderAmt', { ...base, qty: '0.00002', price: '100' }, 170140],
    ['more than the balance', { ...base, qty: '80', price: '50000' }, 170131],
    ['an unknown symbol', { ...base, symbol: 'NOPEUSDT', qty: '1', price: '1' }, 170121],
    ['a bad side', { ...base, side: 'Up' as never, qty: '1', price: '1' }, 10001],
    ['a bad timeInForce', { ...base, qty: '0.001', price: '50000', timeInForce: 'GTD' as never }, 170115],
  ])('%s', async (_name, params, retCode) => {
    const res = await client.submitOrder(params);
    expect(res.retCode).toBe(retCode);
    expect(res.result).toEqual({});
  });

  it('a reused orderLinkId is refused as a duplicate', async () => {
    const price = (Math.floor((await lastPrice()) * 0.9 * 100) / 100).toFixed(2);
    const params = { ...base, qty: '0.001', price, orderLinkId: 'dup-1' };
    expect((await client.submitOrder(params)).retCode).toBe(0);
    const again = await client.submitOrder(params);
    expect([again.retCode, again.retMsg]).toEqual([170141, 'Duplicate clientOrderId']);
  });

  it('an unknown order cannot be cancelled or amended', async () => {
    expect((await client.cancelOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: '1' })).retCode).toBe(170213);
    expect((await client.amendOrder({ category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'never', price: '1' })).retCode).toBe(170213);
    expect((await client.cancelOrder({ category: 'spot', symbol: 'BTCUSDT' })).retMsg).toBe('params error: OrderId or orderLinkId is required');
  });
});

describe('authentication and limits', () => {
  it('a wrong secret gets 10004 echoing the signed string, an unknown key 10003', async () => {
    const wrongSecret = new RestClientV5({ baseUrl: sim.restUrl, key: API_KEY, secret: 'not-the-secret' });
    const res = await wrongSecret.getAccountInfo();
    expect(res.retCode).toBe(10004);
    expect(res.retMsg).toMatch(new RegExp(`^error sign! origin_string\\[\\d+${API_KEY}5000\\]$`));
    const unknownKey = new RestClientV5({ baseUrl: sim.restUrl, key: 'SOMEONEELSE0000001', secret: API_SECRET });
    expect((await unknownKey.getAccountInfo()).retCode).toBe(10003);
  });

  it('a request stamped outside recvWindow gets 10002 with HTTP 200', async () => {
    const timestamp = String(Date.now() - 60_000);
    const query = 'category=spot';
    const sign = createHmac('sha256', API_SECRET).update(`${timestamp}${API_KEY}5000${query}`).digest('hex');
    const res = await fetch(`${sim.restUrl}/v5/order/realtime?${query}`, {
      headers: { 'X-BAPI-API-KEY': API_KEY, 'X-BAPI-SIGN': sign, 'X-BAPI-TIMESTAMP': timestamp, 'X-BAPI-RECV-WINDOW': '5000' },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { retCode: number; retMsg: string };
    expect(body.retCode).toBe(10002);
    expect(body.retMsg).toContain(`req_timestamp[${timestamp}]`);
  });

  it('reports the per-endpoint limit in X-Bapi-* headers and answers 10006 beyond it', async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await client.getFeeRate({ category: 'spot', symbol: 'BTCUSDT' }));
    expect(answers.slice(0, 3).map((a) => a.rateLimitApi?.remainingRequests)).toEqual([2, 1, 0]);
    expect(answers[0]!.rateLimitApi?.maxRequests).toBe(3);
    expect(answers[0]!.result.list[0]).toEqual({ symbol: 'BTCUSDT', baseCoin: '', takerFeeRate: '0.001', makerFeeRate: '0.001' });
    expect([answers[3]!.retCode, answers[3]!.retMsg]).toEqual([10006, 'Too many visits!']);
    expect(answers[3]!.rateLimitApi!.resetAtTimestamp).toBeGreaterThan(Date.now() - 1000);
  });

  it('account info and the key’s own description', async () => {
    expect((await client.getAccountInfo()).result).toMatchObject({ marginMode: 'REGULAR_MARGIN', unifiedMarginStatus: 6 });
    expect((await client.getQueryApiKey()).result).toMatchObject({ apiKey: API_KEY, readOnly: 0, uta: 1, permissions: { Spot: ['SpotTrade'] } });
  });

  it('an unknown path answers Bybit’s JSON envelope, not an HTML page', async () => {
    const res = await fetch(`${sim.restUrl}/v5/nothing/here`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ retCode: 10017, retMsg: 'Route not found', result: {} });
  });
});
