import { describe, expect, it } from 'vitest';
import { addClick, previewPoints, startSession } from './drawing-tool-session.ts';

const a = { time: 1717200000, price: 100 };
const b = { time: 1717203600, price: 110 };

describe('drawing tool session', () => {
  it('completes a trend line on the second click', () => {
    const first = addClick(startSession('trendline'), a);
    expect(first.kind).toBe('collecting');
    if (first.kind !== 'collecting') return;
    expect(addClick(first.session, b)).toEqual({ kind: 'complete', points: [a, b] });
  });

  it('completes a horizontal line and a text note on the first click', () => {
    expect(addClick(startSession('hline'), a)).toEqual({ kind: 'complete', points: [a] });
    expect(addClick(startSession('text'), b)).toEqual({ kind: 'complete', points: [b] });
  });

  it('previews a rectangle from the first corner to the hovered point', () => {
    expect(previewPoints(startSession('rectangle'), b)).toEqual([b, b]);
    const first = addClick(startSession('rectangle'), a);
    if (first.kind !== 'collecting') throw new Error('expected collecting');
    expect(previewPoints(first.session, b)).toEqual([a, b]);
  });
});
