import { describe, expect, it } from 'vitest';
import { logicalToX, timeToLogical } from './time-to-logical.ts';

const HOUR = 3600;

describe('timeToLogical', () => {
  it('returns the bar index for an exact bar time', () => {
    const bar = { index: 5, time: HOUR };
    expect(timeToLogical(HOUR, { before: bar, after: bar }, HOUR)).toBe(5);
  });

  it('interpolates by time between the bars around a 1m time on 1h bars', () => {
    // 01:03 between the 01:00 (index 5) and 02:00 (index 6) bars.
    expect(timeToLogical(HOUR + 180, { before: { index: 5, time: HOUR }, after: { index: 6, time: 2 * HOUR } }, HOUR)).toBeCloseTo(5.05);
  });

  it('spreads a hole in the data by time rather than by bar count', () => {
    // Bars at 01:00 (index 5) and 04:00 (index 6, the 02:00 and 03:00 bars missing): 02:30 is half way.
    expect(timeToLogical(2.5 * HOUR, { before: { index: 5, time: HOUR }, after: { index: 6, time: 4 * HOUR } }, HOUR)).toBe(5.5);
  });

  it('extrapolates past the last bar one index per interval', () => {
    expect(timeToLogical(4 * HOUR + 1800, { before: { index: 9, time: 2 * HOUR }, after: null }, HOUR)).toBe(11.5);
  });

  it('extrapolates before the first bar one index per interval', () => {
    expect(timeToLogical(HOUR, { before: null, after: { index: 0, time: 1.5 * HOUR } }, 300)).toBe(-6);
  });

  it('has no index without any bar', () => {
    expect(timeToLogical(HOUR, { before: null, after: null }, HOUR)).toBeNull();
  });
});

describe('logicalToX', () => {
  const bars = (index: number) => (index >= 0 && index < 10 ? 100 + index * 8 : null);

  it('uses the chart coordinate of a whole index', () => {
    expect(logicalToX(3, bars)).toBe(124);
  });

  it('places a fraction between its whole neighbours (the chart itself answers 0 for it)', () => {
    expect(logicalToX(3.25, bars)).toBe(126);
    expect(logicalToX(-0.5, (i) => 100 + i * 8)).toBe(96);
  });

  it('is null when the chart cannot place a neighbour', () => {
    expect(logicalToX(9.5, bars)).toBeNull();
  });
});
