import { describe, expect, it } from 'vitest';
import { decimalText, decimalsOf, roundToStep } from './decimal-text.ts';

describe('decimal text', () => {
  it('drops trailing zeros like Bybit does', () => {
    expect(decimalText(17071, 2)).toBe('17071');
    expect(decimalText(17055.5, 2)).toBe('17055.5');
    expect(decimalText(0.00141342, 8)).toBe('0.00141342');
    expect(decimalText(-0.000001, 4)).toBe('0');
  });

  it('reads the decimals of an exchange step and rounds onto it', () => {
    expect(decimalsOf('0.01')).toBe(2);
    expect(decimalsOf('1')).toBe(0);
    expect(roundToStep(65124.0649, '0.01')).toBe(65124.06);
    expect(roundToStep(0.0014134251, '0.00000001')).toBe(0.00141343);
  });
});
