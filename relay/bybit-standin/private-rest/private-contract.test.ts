import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBybitFixture } from '../../exchange/read-bybit-fixture.ts';
import { startBybitStandIn, type BybitStandIn } from '../index.ts';
import { shapeDifferences, shapeOf, signedFetch } from '../test-support.ts';

/**
 * The stand-in's private REST bodies against Bybit's published ones (fixtures/bybit-v5): the same
 * keys with the same JSON types, and values in Bybit's formats. Spot has no published
 * realtime/history/execution example, so the linear ones give the field set; spot adds only
 * `marketUnit` (seen in rest/ccxt/fetchOrder.spot.json and fetchMyTrades.spot.json).
 */
let sim: BybitStandIn;
const call = (method: 'GET' | 'POST', path: string, params: Record<string, string>) => signedFetch(sim.restUrl, sim.credentials, method, path, params);
const DECIMAL = /^\d+(\.\d+)?$/;
const MS = /^\d{13}$/;

beforeAll(async () => {
  sim = await startBybitStandIn({ seed: 2, realSymbols: ['BTCUSDT'] });
});
afterAll(() => sim.close());

describe('private REST bodies match the fixtures', () => {
  it('order/create and order/cancel answer exactly the published shape', async () => {
    const created = await call('POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price: '10000', orderLinkId: 'contract-1' });
    expect(shapeOf(created.body)).toEqual(shapeOf(readBybitFixture('rest/order/create.json')));
    const cancelled = await call('POST', '/v5/order/cancel', { category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'contract-1' });
    expect(shapeOf(cancelled.body)).toEqual(shapeOf(readBybitFixture('rest/order/cancel.json')));
  });

  it('order/realtime and order/history items carry every published field in its type and format', async () => {
    await call('POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', qty: '0.001', price: '10000' });
    const realtime = await call('GET', '/v5/order/realtime', { category: 'spot', symbol: 'BTCUSDT' });
    expect(shapeDifferences(realtime.body, readBybitFixture('rest/order/realtime.linear.json'), HISTORY_EXTRAS)).toEqual([]);
    await call('POST', '/v5/order/create', { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '20' });
    const history = await call('GET', '/v5/order/history', { category: 'spot', limit: '1' });
    expect(shapeDifferences(history.body, readBybitFixture('rest/order/history.linear.json'), ['marketUnit'])).toEqual([]);
    const item = history.body.result['list'][0] as Record<string, string>;
    for (const key of ['price', 'qty', 'avgPrice', 'leavesQty', 'leavesValue', 'cumExecQty', 'cumExecValue', 'cumExecFee', 'lastPriceOnCreated']) expect(item[key]).toMatch(DECIMAL);
    expect([item['createdTime'], item['updatedTime']]).toEqual([expect.stringMatching(MS), expect.stringMatching(MS)]);
    expect(history.body.result['nextPageCursor']).not.toBe('');
  });

  it('execution/list items carry every published field', async () => {
    const list = await call('GET', '/v5/execution/list', { category: 'spot', limit: '1' });
    expect(shapeDifferences(list.body, readBybitFixture('rest/execution/list.linear.json'), ['marketUnit'])).toEqual([]);
    const item = list.body.result['list'][0] as Record<string, unknown>;
    expect(item['execId']).toMatch(/^\d{19}$/);
    for (const key of ['execPrice', 'execQty', 'execValue', 'execFee', 'feeRate', 'orderQty']) expect(item[key]).toMatch(DECIMAL);
  });

  it('account/wallet-balance has the UNIFIED shape exactly', async () => {
    const wallet = await call('GET', '/v5/account/wallet-balance', { accountType: 'UNIFIED' });
    expect(shapeOf(wallet.body)).toEqual(shapeOf(readBybitFixture('rest/account/wallet-balance.unified.json')));
  });

  it('refusals keep the envelope of the captured error bodies', async () => {
    const refused = await call('POST', '/v5/order/cancel', { category: 'spot', symbol: 'BTCUSDT' });
    const fixture = readBybitFixture('rest/errors/10001.cancel.orderId-required.moxt.json') as { retMsg: string };
    expect(shapeOf(refused.body)).toEqual(shapeOf(fixture));
    expect(refused.body['retMsg']).toBe(fixture.retMsg);
  });
});

/** realtime's docs example predates these history fields; both endpoints serve one item shape. */
const HISTORY_EXTRAS = ['marketUnit', 'slippageToleranceType', 'slippageTolerance', 'extraFees', 'rpiTakerAccess', 'rpiMatchedQty'];
