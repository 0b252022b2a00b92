import { describe, expect, it } from 'vitest';
import { dragTargetAt, draggedPoints } from './drag-geometry.ts';
import type { PixelShape } from './pixel-geometry.ts';

const segment: PixelShape = { kind: 'segment', a: { x: 100, y: 100 }, b: { x: 300, y: 200 } };
const zone: PixelShape = { kind: 'rect', a: { x: 100, y: 100 }, b: { x: 200, y: 150 } };

describe('drag targets', () => {
  it('grabs the nearest handle, the body along the shape, nothing elsewhere', () => {
    expect(dragTargetAt(segment, { x: 103, y: 98 }, 6)).toEqual({ kind: 'handle', index: 0 });
    expect(dragTargetAt(segment, { x: 297, y: 204 }, 6)).toEqual({ kind: 'handle', index: 1 });
    expect(dragTargetAt(segment, { x: 200, y: 151 }, 6)).toEqual({ kind: 'body' });
    expect(dragTargetAt(segment, { x: 200, y: 120 }, 6)).toBeNull();
    // A zone's corners are handles 0..3 clockwise from its first point; inside it is the body.
    expect(dragTargetAt(zone, { x: 199, y: 101 }, 6)).toEqual({ kind: 'handle', index: 1 });
    expect(dragTargetAt(zone, { x: 101, y: 149 }, 6)).toEqual({ kind: 'handle', index: 3 });
    expect(dragTargetAt(zone, { x: 150, y: 125 }, 6)).toEqual({ kind: 'body' });
  });
});

describe('dragged points', () => {
  const line = [
    { time: 1000, price: 50 },
    { time: 4000, price: 80 },
  ];

  it('moves the whole shape by the pointer travel', () => {
    expect(draggedPoints('trendline', line, { kind: 'body' }, { time: 2000, price: 60 }, { time: 2600, price: 55 })).toEqual([
      { time: 1600, price: 45 },
      { time: 4600, price: 75 },
    ]);
  });

  it('moves one end of a line to the pointer and leaves the other', () => {
    expect(draggedPoints('trendline', line, { kind: 'handle', index: 1 }, { time: 4000, price: 80 }, { time: 5000, price: 90 })).toEqual([
      { time: 1000, price: 50 },
      { time: 5000, price: 90 },
    ]);
  });

  it('maps a zone corner onto the two stored corners', () => {
    const to = { time: 9000, price: 99 };
    const from = { time: 0, price: 0 };
    expect(draggedPoints('rectangle', line, { kind: 'handle', index: 0 }, from, to)).toEqual([to, line[1]]);
    expect(draggedPoints('rectangle', line, { kind: 'handle', index: 1 }, from, to)).toEqual([
      { time: 1000, price: 99 },
      { time: 9000, price: 80 },
    ]);
    expect(draggedPoints('rectangle', line, { kind: 'handle', index: 2 }, from, to)).toEqual([line[0], to]);
    expect(draggedPoints('rectangle', line, { kind: 'handle', index: 3 }, from, to)).toEqual([
      { time: 9000, price: 50 },
      { time: 4000, price: 99 },
    ]);
  });

  it('moves a level up and down with either its line or its handle', () => {
    const level = [{ time: 1000, price: 50 }];
    expect(draggedPoints('hline', level, { kind: 'body' }, { time: 3000, price: 50 }, { time: 3000, price: 52 })).toEqual([{ time: 1000, price: 52 }]);
    expect(draggedPoints('hline', level, { kind: 'handle', index: 0 }, { time: 1000, price: 50 }, { time: 1600, price: 40 })).toEqual([
      { time: 1600, price: 40 },
    ]);
  });
});
