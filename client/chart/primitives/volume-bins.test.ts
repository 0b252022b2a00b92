import { describe, expect, it } from 'vitest';
import { binVolumeByPrice } from './volume-bins.ts';

describe('binVolumeByPrice', () => {
  it('splits a bar across bins in proportion to the overlap of its range', () => {
    const { bins, pocIndex, maxVolume } = binVolumeByPrice(
      [
        { time: 1, low: 100, high: 110, volume: 10 },
        { time: 2, low: 100, high: 105, volume: 4 },
      ],
      2,
    );
    expect(bins.map((b) => [b.priceLow, b.priceHigh])).toEqual([
      [100, 105],
      [105, 110],
    ]);
    expect(bins.map((b) => b.volume)).toEqual([9, 5]);
    expect(pocIndex).toBe(0);
    expect(maxVolume).toBe(9);
  });

  it('conserves total volume', () => {
    const bars = Array.from({ length: 50 }, (_, i) => ({ time: i, low: 100 + (i % 7), high: 103 + (i % 11), volume: 1 + i }));
    const total = bars.reduce((sum, b) => sum + b.volume, 0);
    const { bins } = binVolumeByPrice(bars, 24);
    expect(bins).toHaveLength(24);
    expect(bins.reduce((sum, b) => sum + b.volume, 0)).toBeCloseTo(total, 9);
  });

  it('puts a doji bar entirely in the bin holding its price, including the top edge', () => {
    const { bins } = binVolumeByPrice(
      [
        { time: 1, low: 100, high: 120, volume: 0 },
        { time: 2, low: 120, high: 120, volume: 7 },
      ],
      4,
    );
    expect(bins.map((b) => b.volume)).toEqual([0, 0, 0, 7]);
  });

  it('handles a flat market and an empty range', () => {
    expect(binVolumeByPrice([{ time: 1, low: 50, high: 50, volume: 3 }], 5).bins[0]?.volume).toBe(3);
    expect(binVolumeByPrice([], 5)).toEqual({ bins: [], pocIndex: -1, maxVolume: 0 });
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => binVolumeByPrice([], 0)).toThrow('binCount must be a positive integer, got 0');
  });
});
