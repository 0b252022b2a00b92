import { describe, expect, it } from 'vitest';
import { parseIndicatorSpec } from '../../shared/indicators/index.ts';
import { plotsFor, provisionalColor, toHistogramData, toHistogramPoint, toLineData } from './indicator-plots.ts';

describe('indicator plots', () => {
  it('draws MACD as a histogram and two lines, Bollinger as three lines', () => {
    const macd = plotsFor(parseIndicatorSpec({ name: 'macd' }), '#ffffff');
    expect(macd.map((p) => [p.output, p.kind])).toEqual([
      ['histogram', 'histogram'],
      ['macd', 'line'],
      ['signal', 'line'],
    ]);
    expect(plotsFor(parseIndicatorSpec({ name: 'bb' }), '#ffffff').map((p) => p.output)).toEqual(['upper', 'middle', 'lower']);
    expect(plotsFor(parseIndicatorSpec({ name: 'rsi' }), '#ffffff')[0]!.guides).toEqual([30, 70]);
  });

  it('converts ms columns to second-keyed points and leaves out the warm-up', () => {
    const time = Float64Array.of(60_000, 120_000, 180_000);
    expect(toLineData(time, Float64Array.of(NaN, 1.5, 2))).toEqual([
      { time: 120, value: 1.5 },
      { time: 180, value: 2 },
    ]);
    expect(toHistogramData(time, Float64Array.of(NaN, -1, 2)).map((p) => [p.time, p.value, p.color !== undefined])).toEqual([
      [120, -1, true],
      [180, 2, true],
    ]);
  });
});

describe('provisional values', () => {
  it('are drawn in a translucent version of the series colour', () => {
    expect(provisionalColor('#ffa726')).toBe('rgba(255, 167, 38, 0.6)');
  });

  it('give a histogram bar fainter than a final one of the same sign', () => {
    expect(toHistogramPoint(60_000, 2, true).color).not.toBe(toHistogramPoint(60_000, 2).color);
    expect(toHistogramPoint(60_000, -2, true).color).not.toBe(toHistogramPoint(60_000, 2, true).color);
  });
});
