import { describe, expect, it } from 'vitest';
import { BTCUSDT_RULES } from '../../relay/exchange/test-instrument.ts';
import { floorSteps, formatSteps, parseStep } from './decimal-step.ts';
import { checkOrder, compileRules, formatPrice, formatQty, limitPriceTicks, lotsForQuote, sizeOrder } from './order-rules.ts';

// BTCUSDT lot/price filters as published in Bybit's spot instruments-info.
const BTCUSDT = compileRules(BTCUSDT_RULES);

describe('decimal steps', () => {
  it.each([
    [0.29, '0.01', 29],
    [0.1 + 0.2, '0.1', 3],
    [0.2899999, '0.01', 28],
    [1.23456789, '0.000001', 1234567],
    [7.4, '0.5', 14],
  ])('floors %d to whole steps of %s: %d', (value, step, expected) => {
    expect(floorSteps(value, parseStep(step))).toBe(expected);
  });

  it('formats step counts as exact decimal strings', () => {
    expect(formatSteps(3, parseStep('0.1'))).toBe('0.3');
    expect(formatSteps(1536, parseStep('0.000001'))).toBe('0.001536');
    expect(formatSteps(14, parseStep('0.5'))).toBe('7.0');
    expect(formatSteps(123, parseStep('1'))).toBe('123');
  });

  it('rejects a malformed step with a clear message', () => {
    expect(() => parseStep('1e-6')).toThrow(/decimal string/);
    expect(() => parseStep('0')).toThrow(/greater than zero/);
  });
});

describe('order rules', () => {
  it('converts the exchange limits exactly', () => {
    expect(BTCUSDT).toMatchObject({ minLots: 11, maxLots: 83_000_000, minLotTicks: 50_000_000, maxLotTicks: 80_000_000_000_000 });
  });

  it('floors quantity to basePrecision', () => {
    // 100 USDT at 65000: 100 / 65000 = 0.00153846... -> 0.001538
    expect(formatQty(lotsForQuote(100, 650_000, BTCUSDT), BTCUSDT)).toBe('0.001538');
  });

  it('never rounds a limit price towards crossing', () => {
    expect(formatPrice(limitPriceTicks(65000.17, 'buy', BTCUSDT), BTCUSDT)).toBe('65000.1');
    expect(formatPrice(limitPriceTicks(65000.11, 'sell', BTCUSDT), BTCUSDT)).toBe('65000.2');
    expect(formatPrice(limitPriceTicks(65000.1, 'sell', BTCUSDT), BTCUSDT)).toBe('65000.1');
  });

  it.each([
    [0, 650_000, 'zero-qty'],
    [10, 650_000, 'below-min-qty'],
    [84_000_000, 650_000, 'above-max-qty'],
    [76, 650_000, 'below-min-notional'], // 0.000076 x 65000 = 4.94
    [83_000_000, 1_000_000, 'above-max-notional'], // 83 x 100000
  ])('rejects %d lots at %d ticks as %s', (lots, ticks, reason) => {
    expect(checkOrder(lots, ticks, BTCUSDT)).toBe(reason);
  });

  it('accepts an order whose value exactly reaches minOrderAmt', () => {
    // 0.000100 x 50000.0 = 5
    expect(checkOrder(100, 500_000, BTCUSDT)).toBeNull();
    expect(checkOrder(99, 500_000, BTCUSDT)).toBe('below-min-notional');
  });
});

describe('order sizing', () => {
  const funds = { freeQuote: 1000, baseLots: 1_234_567 };

  it('spends a fraction of the free quote with no fee headroom (the fee is paid in base)', () => {
    // 500 / 65000.0 = 0.0076923... -> 7692 lots
    expect(sizeOrder('buy', 0.5, 650_000, funds, BTCUSDT)).toEqual({ ok: true, lots: 7692, ticks: 650_000 });
  });

  it('sells exactly everything held at fraction 1 and whole lots otherwise', () => {
    expect(sizeOrder('sell', 1, 650_000, funds, BTCUSDT)).toMatchObject({ lots: 1_234_567 });
    expect(sizeOrder('sell', 0.5, 650_000, funds, BTCUSDT)).toMatchObject({ lots: 617_283 });
  });

  it('rejects with the exchange limit in the message', () => {
    const sized = sizeOrder('buy', 0.004, 650_000, funds, BTCUSDT);
    expect(sized).toEqual({ ok: false, reason: 'below-min-notional', message: 'buy: order value 0.000061 x 65000.0 is below minOrderAmt 5' });
  });
});
