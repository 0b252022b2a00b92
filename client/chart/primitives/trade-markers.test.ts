import { describe, expect, it } from 'vitest';
import { tradesToMarkers } from './trade-markers.ts';

describe('tradesToMarkers', () => {
  it('pins buys under and sells over the fill price, sorted by time', () => {
    const markers = tradesToMarkers([
      { time: 1717203600, side: 'sell', price: 68000, label: 'TP' },
      { time: 1717200000, side: 'buy', price: 67000, id: 'o-1' },
    ]);
    expect(markers).toEqual([
      { time: 1717200000, price: 67000, position: 'atPriceBottom', shape: 'arrowUp', color: '#26a69a', text: 'B', id: 'o-1' },
      { time: 1717203600, price: 68000, position: 'atPriceTop', shape: 'arrowDown', color: '#ef5350', text: 'TP' },
    ]);
  });
});
