import { describe, expect, it } from 'vitest';
import { joinSeriesVolume } from './series-volume-bars.ts';

describe('joinSeriesVolume', () => {
  it('pairs candles with the volume of the same time and skips whitespace and unmatched bars', () => {
    expect(
      joinSeriesVolume(
        [{ time: 60, high: 11, low: 9 }, { time: 120 }, { time: 180, high: 12, low: 10 }],
        [{ time: 60, value: 5 }, { time: 120, value: 1 }],
      ),
    ).toEqual([{ time: 60, high: 11, low: 9, volume: 5 }]);
  });
});
