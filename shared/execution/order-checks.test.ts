import { describe, expect, it } from 'vitest';
import { BTCUSDT_SPOT } from '../../relay/exchange/test-instrument.ts';
import { decimalText } from './decimal-text.ts';
import { checkOrderRequest } from './order-checks.ts';
import type { PlaceOrderRequest } from './schemas.ts';

const limit: PlaceOrderRequest = { idempotencyKey: 'k', symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.0015', price: '65000.10', reason: 'test' };

describe('checkOrderRequest (Bybit BTCUSDT: tick 0.1, lot 0.000001, min qty 0.000011, min amount 5)', () => {
  it('sends exchange-ready strings on the grid; trailing zeros are not precision', () => {
    expect(checkOrderRequest(limit, BTCUSDT_SPOT, 0)).toMatchObject({ ok: true, order: { qty: '0.001500', price: '65000.1', quoteAmount: null, timeInForce: 'GTC' } });
    expect(checkOrderRequest({ ...limit, timeInForce: 'PostOnly' }, BTCUSDT_SPOT, 0)).toMatchObject({ ok: true, order: { timeInForce: 'PostOnly' } });
  });

  it('names the rule an order breaks', () => {
    const code = (request: Partial<PlaceOrderRequest>, reference = 0) => {
      const check = checkOrderRequest({ ...limit, ...request } as PlaceOrderRequest, BTCUSDT_SPOT, reference);
      return check.ok ? 'ok' : `${check.code}: ${check.message}`;
    };
    expect(code({ price: '65000.15' })).toBe('price_off_tick: price 65000.15 is not a multiple of tickSize 0.1 for BTCUSDT');
    expect(code({ qty: '0.0000015' })).toBe('qty_off_lot: qty 0.0000015 is finer than basePrecision 0.000001 for BTCUSDT');
    expect(code({ qty: '0.00001' })).toBe('below_min_qty: quantity 0.000010 is below minOrderQty 0.000011');
    expect(code({ qty: '0.00005', price: '1000' })).toBe('below_min_notional: order value 0.000050 x 1000.0 is below minOrderAmt 5');
    expect(code({ qty: '84' })).toBe('above_max_qty: quantity 84.000000 is above maxOrderQty 83');
    expect(code({ type: 'market', price: undefined })).toBe('no_price: no market price is known for BTCUSDT; try again once it trades');
  });

  it('weighs a market order at the book price it would meet, and a quote amount by itself', () => {
    const market = { ...limit, type: 'market' as const, price: undefined };
    // A buy meets the ask, rounded up to the tick; 0.0015 x 65000.2 = 97.5003.
    expect(checkOrderRequest(market, BTCUSDT_SPOT, 65000.11)).toMatchObject({ ok: true, order: { price: null, timeInForce: 'IOC', notional: 97_500_300_000_000_000_000n } });
    const byQuote = { ...market, qty: undefined, quoteAmount: '4.99' };
    expect(checkOrderRequest(byQuote, BTCUSDT_SPOT, 65000)).toMatchObject({ ok: false, code: 'below_min_notional' });
    expect(checkOrderRequest({ ...byQuote, quoteAmount: '25.5' }, BTCUSDT_SPOT, 65000)).toMatchObject({ ok: true, order: { quoteAmount: '25.5000000', qty: null } });
  });
});

describe('decimalText', () => {
  it('prints a price without exponent', () => {
    expect([65000.1, 1.5e-7, 2e-9, 1.23e21, 0].map(decimalText)).toEqual(['65000.1', '0.00000015', '0.000000002', '1230000000000000000000', '0']);
  });
});
