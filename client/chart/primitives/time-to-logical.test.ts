import { describe, expect, it } from 'vitest';
import { timeToLogical } from './time-to-logical.ts';

describe('timeToLogical', () => {
  it('returns the bar index for an exact bar time', () => {
    expect(timeToLogical(3600, { index: 5, time: 3600 }, { index: 6, time: 7200 })).toBe(5);
  });

  it('interpolates between bars for a time inside a bar', () => {
    expect(timeToLogical(5400, { index: 5, time: 3600 }, { index: 6, time: 7200 })).toBe(5.5);
  });

  it('extrapolates past the last bar using the spacing to the previous bar', () => {
    expect(timeToLogical(14400, { index: 9, time: 7200 }, { index: 8, time: 3600 })).toBe(11);
  });

  it('falls back to the nearest bar when there is no second bar to measure spacing', () => {
    expect(timeToLogical(999, { index: 0, time: 60 }, null)).toBe(0);
  });
});
