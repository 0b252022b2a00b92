import { describe, expect, it } from 'vitest';
import { rangePriceFormat, tickPriceFormat } from './price-format.ts';

describe('tickPriceFormat', () => {
  it('shows as many decimals as the tick size and moves in ticks', () => {
    expect(tickPriceFormat('0.00000001')).toEqual({ type: 'price', precision: 8, minMove: 1e-8 });
    expect(tickPriceFormat('0.01')).toEqual({ type: 'price', precision: 2, minMove: 0.01 });
    expect(tickPriceFormat('0.5')).toEqual({ type: 'price', precision: 1, minMove: 0.5 });
  });
});

describe('rangePriceFormat', () => {
  it('gives tiny values (MACD on XRPETH) enough decimals to read apart', () => {
    const macd = Float64Array.of(NaN, -0.0000012, 0.0000034, 0.0000007);
    expect(rangePriceFormat([macd]).precision).toBe(9);
  });

  it('keeps two decimals for oscillators and large values', () => {
    expect(rangePriceFormat([Float64Array.of(31.2, 71.9)]).precision).toBe(2);
    expect(rangePriceFormat([Float64Array.of(-120, 250)]).precision).toBe(2);
  });

  it('looks at every column of a pane and copes with a flat or empty series', () => {
    expect(rangePriceFormat([Float64Array.of(0.1, 0.1), Float64Array.of(0.1002)]).precision).toBe(7);
    expect(rangePriceFormat([Float64Array.of(0.0004, 0.0004)]).precision).toBe(7);
    expect(rangePriceFormat([Float64Array.of(NaN)]).precision).toBe(2);
  });
});
