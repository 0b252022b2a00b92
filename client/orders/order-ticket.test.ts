import { describe, expect, it } from 'vitest';
import { IdempotencyKeySchema } from '../../shared/execution/index.ts';
import { BTCUSDT_SPOT } from '../../relay/exchange/test-instrument.ts';
import { checkTicket, TICKET_REASON, type TicketDraft } from './order-ticket.ts';
import { keyForSubmit, newIdempotencyKey } from './submit-key.ts';

const limitBuy: TicketDraft = { symbol: 'BTCUSDT', type: 'limit', side: 'buy', sizeIn: 'base', amount: '0.001', price: '30000' };
const message = (patch: Partial<TicketDraft>, last = 65000) => {
  const check = checkTicket({ ...limitBuy, ...patch }, BTCUSDT_SPOT, last);
  return check.ok ? 'ok' : check.message;
};

describe('checkTicket (BTCUSDT: tick 0.1, lot 0.000001, min qty 0.000011, min amount 5)', () => {
  it('builds the request the relay takes, without a key', () => {
    expect(checkTicket(limitBuy, BTCUSDT_SPOT, 65000)).toEqual({
      ok: true,
      request: { symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.001', price: '30000', reason: TICKET_REASON },
    });
    expect(checkTicket({ ...limitBuy, type: 'market', sizeIn: 'quote', amount: '20' }, BTCUSDT_SPOT, 65000)).toEqual({
      ok: true,
      request: { symbol: 'BTCUSDT', side: 'buy', type: 'market', quoteAmount: '20', reason: TICKET_REASON },
    });
  });

  it('asks for what is missing', () => {
    expect(message({ amount: ' ' })).toBe('enter the BTC quantity');
    expect(message({ type: 'market', sizeIn: 'quote', amount: '' })).toBe('enter the USDT amount to spend');
    expect(message({ price: '' })).toBe('enter the limit price');
  });

  it("shows the schema's and the instrument's own refusals, as the relay words them", () => {
    expect(message({ amount: '-1' })).toBe('qty must be a decimal string such as "0.01" (digits, one optional point)');
    expect(message({ amount: '0' })).toBe('qty must be greater than 0');
    expect(message({ price: '30000.05' })).toBe('price 30000.05 is not a multiple of tickSize 0.1 for BTCUSDT');
    expect(message({ amount: '0.0000015' })).toBe('qty 0.0000015 is finer than basePrecision 0.000001 for BTCUSDT');
    expect(message({ amount: '0.00001' })).toBe('quantity 0.000010 is below minOrderQty 0.000011');
    expect(message({ amount: '0.0001', price: '1000' })).toBe('order value 0.000100 x 1000.0 is below minOrderAmt 5');
    expect(message({ type: 'market', sizeIn: 'quote', amount: '4' })).toBe('quoteAmount 4 is below minOrderAmt 5');
    expect(message({ type: 'market' }, 0)).toBe('no market price is known for BTCUSDT; try again once it trades');
  });

  it('sizes in quote only for market buys: a sell or a limit falls back to base', () => {
    expect(checkTicket({ ...limitBuy, type: 'market', side: 'sell', sizeIn: 'quote' }, BTCUSDT_SPOT, 65000)).toMatchObject({ ok: true, request: { qty: '0.001' } });
    expect(checkTicket({ ...limitBuy, sizeIn: 'quote' }, BTCUSDT_SPOT, 65000)).toMatchObject({ ok: true, request: { qty: '0.001', price: '30000' } });
  });
});

describe('submit keys', () => {
  it('are valid orderLinkIds', () => {
    for (let i = 0; i < 20; i++) expect(IdempotencyKeySchema.parse(newIdempotencyKey())).toHaveLength(35);
  });

  it('a retry of the same body reuses the key; another body gets a new one', () => {
    const body = { symbol: 'BTCUSDT', qty: '0.001' };
    const first = keyForSubmit(null, body);
    expect(keyForSubmit(first, { ...body })).toBe(first);
    const other = keyForSubmit(first, { ...body, qty: '0.002' });
    expect(other.key).not.toBe(first.key);
    // After a settled submit the ticket clears its attempt: the same body again is a new order.
    expect(keyForSubmit(null, body).key).not.toBe(first.key);
  });
});
