import { describe, expect, it } from 'vitest';
import { newDrawing, reviseDrawing } from '../../shared/drawings/index.ts';
import { EMPTY_HISTORY, HISTORY_LIMIT, recordChange, redo, undo, type DrawingHistory } from './drawing-history.ts';

const line = newDrawing({
  symbol: 'BTCUSDT',
  shapeType: 'trendline',
  points: [
    { time: 1717200000, price: 67000 },
    { time: 1717203600, price: 68000 },
  ],
});
const moved = reviseDrawing(line, { points: [{ time: 1717200000, price: 66000 }, { time: 1717203600, price: 68000 }] });
const red = reviseDrawing(moved, { style: { ...moved.style, color: '#ff0000' } });

describe('drawing undo/redo history', () => {
  it('walks back through create, move and restyle, and forward again', () => {
    let h: DrawingHistory = EMPTY_HISTORY;
    h = recordChange(h, { before: null, after: line });
    h = recordChange(h, { before: line, after: moved });
    h = recordChange(h, { before: moved, after: red });

    const u1 = undo(h)!;
    expect(u1.write).toEqual({ kind: 'save', drawing: moved });
    const u2 = undo(u1.history)!;
    expect(u2.write).toEqual({ kind: 'save', drawing: line });
    const u3 = undo(u2.history)!;
    expect(u3.write).toEqual({ kind: 'remove', drawing: line });
    expect(undo(u3.history)).toBeNull();

    const r1 = redo(u3.history)!;
    expect(r1.write).toEqual({ kind: 'save', drawing: line });
    const r2 = redo(r1.history)!;
    expect(r2.write).toEqual({ kind: 'save', drawing: moved });
    expect(r2.history.undone).toHaveLength(1);
  });

  it('re-creates a deleted drawing on undo and deletes it again on redo', () => {
    const h = recordChange(EMPTY_HISTORY, { before: red, after: null });
    const u = undo(h)!;
    expect(u.write).toEqual({ kind: 'save', drawing: red });
    expect(redo(u.history)!.write).toEqual({ kind: 'remove', drawing: red });
  });

  it('forgets what was undone once a new edit is made, and keeps at most the limit', () => {
    let h = recordChange(EMPTY_HISTORY, { before: null, after: line });
    h = undo(h)!.history;
    h = recordChange(h, { before: null, after: red });
    expect(redo(h)).toBeNull();
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) h = recordChange(h, { before: line, after: moved });
    expect(h.done).toHaveLength(HISTORY_LIMIT);
  });
});
