import { describe, expect, it } from 'vitest';
import { DrawingSchema, newDrawing, reviseDrawing } from './index.ts';

const base = {
  id: '0b7d4a56-4a0b-4f37-9a57-1c3c1ba1c0de',
  symbol: 'BTCUSDT',
  shapeType: 'trendline',
  points: [
    { time: 1717200000, price: 67000.5 },
    { time: 1717203600, price: 68100 },
  ],
  createdAt: '2024-06-01T00:00:00.000Z',
  updatedAt: '2024-06-01T00:00:00.000Z',
} as const;

function issues(input: unknown): string[] {
  const result = DrawingSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('DrawingSchema', () => {
  it('fills the documented style and label defaults', () => {
    const drawing = DrawingSchema.parse(base);
    expect(drawing.style).toEqual({ color: '#2962ff', lineWidth: 2, lineStyle: 'solid' });
    expect(drawing.label).toBe('');
  });

  it('enforces the point count per shape type', () => {
    expect(issues({ ...base, shapeType: 'hline' })).toEqual(['points: a hline needs exactly 1 point(s), got 2']);
    expect(issues({ ...base, shapeType: 'rectangle' })).toEqual([]);
    expect(issues({ ...base, shapeType: 'text', points: [] })).toEqual(['points: a text needs exactly 1 point(s), got 0']);
  });

  it('rejects times that are not whole UTC seconds', () => {
    expect(issues({ ...base, points: [{ time: 1717200000.5, price: 1 }, base.points[1]] })[0]).toMatch(/^points\.0\.time/);
  });

  it('rejects a colour that is not hex and a width outside 1..10', () => {
    expect(issues({ ...base, style: { color: 'red', lineWidth: 2 } })[0]).toContain('#rrggbb');
    expect(issues({ ...base, style: { color: '#ff000080', lineWidth: 11 } })).toEqual(['style.lineWidth: lineWidth must be 1..10']);
  });

  it('limits labels to 200 characters', () => {
    expect(issues({ ...base, label: 'x'.repeat(200) })).toEqual([]);
    expect(issues({ ...base, label: 'x'.repeat(201) })).toEqual(['label: label must be at most 200 characters']);
  });

  it('rejects unknown shape types and a non-uuid id', () => {
    expect(issues({ ...base, shapeType: 'circle' })[0]).toMatch(/^shapeType/);
    expect(issues({ ...base, id: 'abc' })).toEqual(['id: id must be a UUID']);
  });
});

describe('newDrawing / reviseDrawing', () => {
  it('creates a valid drawing with a fresh id and equal timestamps', () => {
    const now = new Date('2024-06-01T12:00:00.000Z');
    const drawing = newDrawing(
      { symbol: 'ETHUSDT', shapeType: 'hline', points: [{ time: 1717200000, price: 3800 }], style: { color: '#ff0000' } },
      now,
    );
    expect(drawing.style).toEqual({ color: '#ff0000', lineWidth: 2, lineStyle: 'solid' });
    expect(drawing.createdAt).toBe('2024-06-01T12:00:00.000Z');
    expect(drawing.updatedAt).toBe(drawing.createdAt);
    expect(newDrawing({ symbol: 'ETHUSDT', shapeType: 'hline', points: [{ time: 1, price: 1 }] }).id).not.toBe(drawing.id);
  });

  it('throws when the points do not fit the shape', () => {
    expect(() => newDrawing({ symbol: 'ETHUSDT', shapeType: 'rectangle', points: [{ time: 1, price: 1 }] })).toThrow(
      /needs exactly 2 point/,
    );
  });

  it('bumps updatedAt on revision and keeps createdAt', () => {
    const drawing = DrawingSchema.parse(base);
    const revised = reviseDrawing(drawing, { label: 'breakout' }, new Date('2024-06-02T00:00:00.000Z'));
    expect(revised).toMatchObject({ label: 'breakout', createdAt: base.createdAt, updatedAt: '2024-06-02T00:00:00.000Z' });
  });
});
