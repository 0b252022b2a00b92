import { describe, expect, it } from 'vitest';
import { fixed, fixedText } from './fixed-decimal.ts';
import { SpotMatchingEngine } from './spot-matching-engine.ts';
import type { OrderRequest } from './spot-order.ts';

/** BTCUSDT as the stand-in lists it: tick 0.01, lot 0.000001; maker 0.1 %, taker 0.1 %. */
function engine(maker = '0.001', taker = '0.001') {
  let exec = 0;
  const e = new SpotMatchingEngine(
    { tickSize: fixed('0.01'), lotSize: fixed('0.000001'), makerFeeRate: fixed(maker), takerFeeRate: fixed(taker) },
    () => `e${++exec}`,
  );
  e.setLiquidity(
    [{ price: fixed('99.99'), size: fixed('1') }, { price: fixed('99.98'), size: fixed('2') }],
    [{ price: fixed('100.01'), size: fixed('1') }, { price: fixed('100.02'), size: fixed('2') }],
  );
  return e;
}

let ids = 0;
function order(partial: Partial<OrderRequest> & Pick<OrderRequest, 'side' | 'orderType'>, qty: string, price = '0'): OrderRequest {
  return { orderId: `o${++ids}`, orderLinkId: '', timeInForce: partial.orderType === 'Market' ? 'IOC' : 'GTC', marketUnit: 'baseCoin', time: 1000, ...partial, qty: fixed(qty), price: fixed(price) };
}

const text = (v: bigint) => fixedText(v);
const LAST = fixed('100');

describe('market orders take liquidity as taker', () => {
  it('a base-quantity buy walks the asks and pays its fee in the base coin', () => {
    const { orders, fills } = engine('0.0002', '0.001').submit(order({ side: 'Buy', orderType: 'Market' }, '1.5'), LAST);
    expect(fills.map((f) => [text(f.price), text(f.qty), text(f.fee), f.feeIn, f.isMaker])).toEqual([
      ['100.01', '1', '0.001', 'base', false],
      ['100.02', '0.5', '0.0005', 'base', false],
    ]);
    expect(orders[0]).toMatchObject({ status: 'Filled', leavesQty: 0n });
    expect(text(orders[0]!.cumExecValue)).toBe('150.02');
  });

  it('a quote-amount buy buys the whole lots its amount pays for; the dust ends it PartiallyFilledCanceled as on Bybit', () => {
    const { orders, fills } = engine().submit(order({ side: 'Buy', orderType: 'Market', marketUnit: 'quoteCoin' }, '10'), LAST);
    expect(fills.map((f) => text(f.qty))).toEqual(['0.09999']);
    expect(text(fills[0]!.value)).toBe('9.9999999');
    // Captured: a 10 USDT market buy filled 9.98631 and ended PartiallyFilledCanceled, EC_CancelForNoFullFill.
    expect(orders[0]).toMatchObject({ status: 'PartiallyFilledCanceled', rejectReason: 'EC_CancelForNoFullFill' });
  });

  it('a sell pays its fee in the quote coin, exactly', () => {
    const { fills } = engine().submit(order({ side: 'Sell', orderType: 'Market' }, '0.001936'), LAST);
    expect([text(fills[0]!.value), text(fills[0]!.fee), fills[0]!.feeIn]).toEqual(['0.19358064', '0.00019358064', 'quote']);
  });

  it('a market order larger than the book fills what there is and cancels the rest', () => {
    const { orders, fills } = engine().submit(order({ side: 'Sell', orderType: 'Market' }, '5'), LAST);
    expect(fills.map((f) => text(f.qty))).toEqual(['1', '2']);
    expect(orders[0]).toMatchObject({ status: 'PartiallyFilledCanceled', leavesQty: 0n });
    expect(text(orders[0]!.cumExecQty)).toBe('3');
  });

  it('consumed liquidity is gone until the quotes are replaced', () => {
    const e = engine();
    e.submit(order({ side: 'Buy', orderType: 'Market' }, '1'), LAST);
    expect(e.liquidity().asks.map((l) => text(l.price))).toEqual(['100.02']);
  });
});

describe('limit orders and timeInForce', () => {
  it('GTC below the ask rests, then fills as maker when the market trades through its price', () => {
    const e = engine('0.0002', '0.001');
    const placed = e.submit(order({ side: 'Buy', orderType: 'Limit' }, '0.5', '99.50'), LAST);
    expect(placed.fills).toEqual([]);
    expect(placed.orders[0]!.status).toBe('New');
    expect(e.trade(fixed('99.60'), fixed('1'), 2000).fills).toEqual([]);
    const partial = e.trade(fixed('99.50'), fixed('0.2'), 3000);
    expect(partial.fills.map((f) => [text(f.price), text(f.qty), text(f.fee), f.isMaker])).toEqual([['99.5', '0.2', '0.00004', true]]);
    expect(partial.orders[0]).toMatchObject({ status: 'PartiallyFilled' });
    const rest = e.trade(fixed('99.00'), fixed('5'), 4000);
    expect(rest.fills.map((f) => [text(f.price), text(f.qty)])).toEqual([['99.5', '0.3']]);
    expect(rest.orders[0]).toMatchObject({ status: 'Filled' });
    expect(e.restingOrders()).toEqual([]);
  });

  it('a trade known only to have happened after a time fills just the orders resting at that time', () => {
    const e = engine();
    e.submit(order({ side: 'Buy', orderType: 'Limit', time: 1000 }, '1', '99.50'), LAST);
    e.submit(order({ side: 'Buy', orderType: 'Limit', time: 3000 }, '1', '99.50'), LAST);
    e.submit(order({ side: 'Buy', orderType: 'Limit', time: 5000 }, '1', '99.50'), LAST);
    const low = e.trade(fixed('99.40'), fixed('10'), 6000, { restingAt: 3000 });
    expect(low.orders.map((o) => o.time)).toEqual([1000, 3000]);
    expect(e.restingOrders().map((o) => o.time)).toEqual([5000]);
  });

  it('a trade through the price fills the orders it went past, and a touch fills none of them', () => {
    const e = engine();
    e.submit(order({ side: 'Buy', orderType: 'Limit' }, '1', '99.50'), LAST);
    e.submit(order({ side: 'Sell', orderType: 'Limit' }, '1', '100.50'), LAST);
    expect(e.trade(fixed('99.50'), fixed('10'), 2000, { through: true }).fills).toEqual([]);
    expect(e.trade(fixed('100.50'), fixed('10'), 2000, { through: true }).fills).toEqual([]);
    expect(e.trade(fixed('99.49'), fixed('10'), 3000, { through: true }).fills.map((f) => [f.side, text(f.price)])).toEqual([['Buy', '99.5']]);
    expect(e.trade(fixed('100.51'), fixed('10'), 3000, { through: true }).fills.map((f) => [f.side, text(f.price)])).toEqual([['Sell', '100.5']]);
  });

  it('a crossing GTC takes what its price allows and rests the remainder', () => {
    const e = engine();
    const { orders, fills } = e.submit(order({ side: 'Buy', orderType: 'Limit' }, '2', '100.01'), LAST);
    expect(fills.map((f) => text(f.qty))).toEqual(['1']);
    expect(orders[0]!.status).toBe('PartiallyFilled');
    expect(e.restingOrders().map((o) => text(o.leavesQty))).toEqual(['1']);
  });

  it('IOC cancels the unfilled remainder; with nothing to fill it is Cancelled', () => {
    const partly = engine().submit(order({ side: 'Sell', orderType: 'Limit', timeInForce: 'IOC' }, '2', '99.99'), LAST);
    expect(partly.orders[0]).toMatchObject({ status: 'PartiallyFilledCanceled', rejectReason: 'EC_CancelForNoFullFill' });
    const none = engine().submit(order({ side: 'Sell', orderType: 'Limit', timeInForce: 'IOC' }, '2', '100.50'), LAST);
    expect(none.orders[0]).toMatchObject({ status: 'Cancelled', rejectReason: 'EC_NoImmediateQtyToFill' });
    expect(none.fills).toEqual([]);
  });

  it('FOK fills completely or not at all', () => {
    const e = engine();
    const refused = e.submit(order({ side: 'Buy', orderType: 'Limit', timeInForce: 'FOK' }, '1.5', '100.01'), LAST);
    expect(refused.orders[0]).toMatchObject({ status: 'Cancelled', rejectReason: 'EC_NoEnoughQtyToFill' });
    expect(e.liquidity().asks[0]!.size).toBe(fixed('1'));
    const filled = e.submit(order({ side: 'Buy', orderType: 'Limit', timeInForce: 'FOK' }, '1.5', '100.02'), LAST);
    expect(filled.orders[0]!.status).toBe('Filled');
  });

  it('PostOnly that would take liquidity is cancelled with EC_PostOnlyWillTakeLiquidity; otherwise it rests', () => {
    const e = engine();
    const taken = e.submit(order({ side: 'Buy', orderType: 'Limit', timeInForce: 'PostOnly' }, '0.1', '100.01'), LAST);
    expect(taken.orders[0]).toMatchObject({ status: 'Cancelled', rejectReason: 'EC_PostOnlyWillTakeLiquidity' });
    const rested = e.submit(order({ side: 'Buy', orderType: 'Limit', timeInForce: 'PostOnly' }, '0.1', '100.00'), LAST);
    expect(rested.orders[0]!.status).toBe('New');
  });

  it('fills the best price first, then the oldest, within the traded quantity', () => {
    const e = engine();
    const first = e.submit({ ...order({ side: 'Sell', orderType: 'Limit' }, '1', '100.50'), time: 1 }, LAST).orders[0]!;
    const better = e.submit({ ...order({ side: 'Sell', orderType: 'Limit' }, '1', '100.40'), time: 2 }, LAST).orders[0]!;
    const later = e.submit({ ...order({ side: 'Sell', orderType: 'Limit' }, '1', '100.50'), time: 3 }, LAST).orders[0]!;
    const { fills } = e.trade(fixed('100.60'), fixed('2.5'), 10);
    expect(fills.map((f) => [f.orderId, text(f.qty)])).toEqual([[better.orderId, '1'], [first.orderId, '1'], [later.orderId, '0.5']]);
  });
});

describe('cancel and amend', () => {
  it('cancelling a partly filled order ends it PartiallyFilledCanceled by user', () => {
    const e = engine();
    const { orders } = e.submit(order({ side: 'Buy', orderType: 'Limit' }, '1', '99'), LAST);
    const live = e.restingOrders()[0]!;
    e.trade(fixed('99'), fixed('0.4'), 2);
    const cancelled = e.cancel(live, 3).orders[0]!;
    expect(cancelled).toMatchObject({ orderId: orders[0]!.orderId, status: 'PartiallyFilledCanceled', cancelType: 'CancelByUser', leavesQty: 0n });
    expect(e.cancel(live, 4).orders).toEqual([]);
  });

  it('amending the price to cross trades at once; amending qty keeps the filled part', () => {
    const e = engine();
    e.submit(order({ side: 'Buy', orderType: 'Limit' }, '1', '99'), LAST);
    const live = e.restingOrders()[0]!;
    e.trade(fixed('99'), fixed('0.25'), 2);
    expect(text(e.amend(live, { qty: fixed('2') }, 3).orders[0]!.leavesQty)).toBe('1.75');
    const crossed = e.amend(live, { price: fixed('100.01') }, 4);
    expect(crossed.fills.map((f) => [text(f.price), text(f.qty), f.isMaker])).toEqual([['100.01', '1', false]]);
    expect(text(crossed.orders[0]!.leavesQty)).toBe('0.75');
    expect(() => e.amend(live, { qty: fixed('1.25') }, 5)).toThrow(/exceed the filled/);
  });
});
