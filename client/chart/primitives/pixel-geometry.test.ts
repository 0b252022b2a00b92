import { describe, expect, it } from 'vitest';
import { distanceToSegment, distanceToShape, handlePoints, pickShape, type PixelShape } from './pixel-geometry.ts';

const segment: PixelShape = { kind: 'segment', a: { x: 0, y: 0 }, b: { x: 100, y: 0 } };
const zone: PixelShape = { kind: 'rect', a: { x: 10, y: 10 }, b: { x: 110, y: 60 } };
const innerZone: PixelShape = { kind: 'rect', a: { x: 20, y: 20 }, b: { x: 40, y: 40 } };
const level: PixelShape = { kind: 'hline', y: 200, anchorX: 50, paneWidth: 800 };
const note: PixelShape = { kind: 'text', anchor: { x: 300, y: 100 }, width: 60, height: 16 };

describe('distanceToSegment', () => {
  it('measures perpendicular distance inside the segment and endpoint distance beyond it', () => {
    expect(distanceToSegment({ x: 50, y: 5 }, segment.a, segment.b)).toBe(5);
    expect(distanceToSegment({ x: 103, y: 4 }, segment.a, segment.b)).toBe(5);
  });

  it('treats a zero-length segment as a point', () => {
    expect(distanceToSegment({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5);
  });
});

describe('distanceToShape', () => {
  it('is zero inside a zone and the gap to its border outside', () => {
    expect(distanceToShape(zone, { x: 50, y: 30 })).toBe(0);
    expect(distanceToShape(zone, { x: 50, y: 70 })).toBe(10);
  });

  it('measures a level vertically across the whole pane but not beyond it', () => {
    expect(distanceToShape(level, { x: 700, y: 203 })).toBe(3);
    expect(distanceToShape(level, { x: 900, y: 200 })).toBe(Infinity);
  });

  it('uses the text box above the anchor', () => {
    expect(distanceToShape(note, { x: 320, y: 90 })).toBe(0);
    expect(distanceToShape(note, { x: 320, y: 104 })).toBe(4);
  });
});

describe('pickShape', () => {
  const candidates = [
    { id: 'line', shape: segment },
    { id: 'zone', shape: zone },
    { id: 'inner', shape: innerZone },
    { id: 'level', shape: level },
  ];

  it('selects the nearest shape within tolerance', () => {
    expect(pickShape(candidates, { x: 60, y: 4 }, 6)).toBe('line');
    expect(pickShape(candidates, { x: 400, y: 196 }, 6)).toBe('level');
  });

  it('prefers the smaller zone when the click is inside nested zones', () => {
    expect(pickShape(candidates, { x: 30, y: 30 }, 6)).toBe('inner');
    expect(pickShape(candidates, { x: 90, y: 50 }, 6)).toBe('zone');
  });

  it('selects nothing when every shape is farther than the tolerance', () => {
    expect(pickShape(candidates, { x: 500, y: 120 }, 6)).toBeNull();
  });
});

describe('handlePoints', () => {
  it('puts handles on every zone corner and none on an off-screen level anchor', () => {
    expect(handlePoints(zone)).toHaveLength(4);
    expect(handlePoints({ ...level, anchorX: null } as PixelShape)).toEqual([]);
  });
});
