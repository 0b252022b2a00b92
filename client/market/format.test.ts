import { describe, expect, it } from 'vitest';
import { formatChangePct, formatPrice, formatVolume, formatTurnover, tickDecimals } from './format.ts';

describe('market number formatting', () => {
  it('shows more decimals for smaller prices', () => {
    expect(formatPrice(97_123.456)).toBe('97,123.46');
    expect(formatPrice(3.5)).toBe('3.5000');
    expect(formatPrice(0.0371)).toBe('0.037100');
    expect(formatPrice(0.00001234)).toBe('0.00001234');
  });

  it('uses exactly the decimals of the instrument\'s tick size when it is known', () => {
    expect(formatPrice(170.4, '0.01')).toBe('170.40');
    expect(formatPrice(0.00151234, '0.00000001')).toBe('0.00151234');
    expect(formatPrice(0.105, '0.00001')).toBe('0.10500');
    expect(formatPrice(97_123.5, '0.5')).toBe('97,123.5');
    expect(formatPrice(97_123, '1')).toBe('97,123');
    expect(tickDecimals('0.010')).toBe(2);
  });

  it('signs the 24h change and marks missing values with a dash', () => {
    expect(formatChangePct(1.234)).toBe('+1.23%');
    expect(formatChangePct(-0.5)).toBe('-0.50%');
    expect(formatChangePct(0)).toBe('0.00%');
    expect(formatChangePct(null)).toBe('—');
    expect(formatPrice(null)).toBe('—');
  });

  it('abbreviates large volumes', () => {
    expect(formatVolume(1_234_567)).toBe('1.23M');
    expect(formatVolume(950)).toBe('950');
    expect(formatVolume(null)).toBe('—');
  });

  it('names the currency of a turnover', () => {
    expect(formatTurnover(12_345_678, 'USDT')).toBe('12.35M USDT');
    expect(formatTurnover(4.44, 'BTC')).toBe('4.44 BTC');
    expect(formatTurnover(null, 'USDT')).toBe('—');
  });
});
