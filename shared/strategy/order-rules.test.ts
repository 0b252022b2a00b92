import { describe, expect, it } from 'vitest';
import { ceilToStep, floorToStep, parseStep } from './decimal-step.ts';
import { checkOrder, compileRules, multiplyDecimal, qtyForQuote, roundLimitPrice } from './order-rules.ts';

// BTCUSDT lot/price filters as published in Bybit's spot instruments-info.
const BTCUSDT = compileRules({
  symbol: 'BTCUSDT',
  tickSize: '0.1',
  basePrecision: '0.000001',
  minOrderQty: '0.000011',
  maxOrderQty: '83',
  minOrderAmt: '5',
  maxOrderAmt: '8000000',
});

describe('decimal steps', () => {
  it.each([
    [0.29, '0.01', '0.29'],
    [0.1 + 0.2, '0.1', '0.3'],
    [0.2899999, '0.01', '0.28'],
    [1.23456789, '0.000001', '1.234567'],
    [7, '0.5', '7.0'],
    [7.4, '0.5', '7.0'],
    [123, '1', '123'],
  ])('floors %d to step %s as %s', (value, step, expected) => {
    expect(floorToStep(value, parseStep(step))).toBe(expected);
  });

  it('ceils only when the value is off the grid', () => {
    expect(ceilToStep(65000.01, parseStep('0.1'))).toBe('65000.1');
    expect(ceilToStep(65000.1, parseStep('0.1'))).toBe('65000.1');
    expect(ceilToStep(0.1 + 0.2, parseStep('0.1'))).toBe('0.3');
  });

  it('rejects a malformed step with a clear message', () => {
    expect(() => parseStep('1e-6')).toThrow(/decimal string/);
    expect(() => parseStep('0')).toThrow(/greater than zero/);
  });
});

describe('order rules', () => {
  it('floors quantity to basePrecision after the fee', () => {
    // 100 USDT at 65000 with 0.1% fee: 100 / 65065 = 0.0015369... -> 0.001536
    expect(qtyForQuote(100, 65000, 0.001, BTCUSDT)).toBe('0.001536');
  });

  it('never rounds a limit price towards crossing', () => {
    expect(roundLimitPrice(65000.17, 'buy', BTCUSDT)).toBe('65000.1');
    expect(roundLimitPrice(65000.11, 'sell', BTCUSDT)).toBe('65000.2');
  });

  it('multiplies decimals exactly', () => {
    expect(multiplyDecimal('0.000077', '65000.1')).toBe('5.0050077');
  });

  it.each([
    ['0.000000', '65000.0', 'zero-qty'],
    ['0.000010', '65000.0', 'below-min-qty'],
    ['84', '65000.0', 'above-max-qty'],
    ['0.000076', '65000.0', 'below-min-notional'],
    ['83', '100000.0', 'above-max-notional'],
  ])('rejects qty %s at %s as %s', (qty, price, reason) => {
    const check = checkOrder(qty, price, BTCUSDT);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toBe(reason);
  });

  it('accepts an order whose value just clears minOrderAmt', () => {
    // 0.000077 * 65000 = 5.005 >= 5
    expect(checkOrder('0.000077', '65000.0', BTCUSDT)).toEqual({ ok: true, qty: '0.000077', price: '65000.0' });
  });
});
