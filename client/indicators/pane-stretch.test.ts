import { describe, expect, it } from 'vitest';
import { DEFAULT_INDICATOR_STRETCH, resolveStretch, stretchDiffers } from './pane-stretch.ts';

describe('pane sizes', () => {
  it('fills in the standard sizes for panes the layout does not name', () => {
    expect(resolveStretch(null, ['rsi-1'])).toEqual({ price: 1, indicators: { 'rsi-1': DEFAULT_INDICATOR_STRETCH } });
    expect(resolveStretch({ price: 0.6, indicators: { 'rsi-1': 0.7, gone: 0.2 } }, ['rsi-1', 'macd-1'])).toEqual({
      price: 0.6,
      indicators: { 'rsi-1': 0.7, 'macd-1': DEFAULT_INDICATOR_STRETCH },
    });
  });

  it('sees a dragged divider but not float noise', () => {
    const expected = { price: 1, indicators: { 'rsi-1': 0.35 } };
    expect(stretchDiffers(expected, { price: 1.0000001, indicators: { 'rsi-1': 0.3500002 } })).toBe(false);
    expect(stretchDiffers(expected, { price: 0.8, indicators: { 'rsi-1': 0.55 } })).toBe(true);
    expect(stretchDiffers(expected, { price: 1, indicators: {} })).toBe(true);
  });
});
