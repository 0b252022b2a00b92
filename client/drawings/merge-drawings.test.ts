import { describe, expect, it } from 'vitest';
import { newDrawing, reviseDrawing, type Drawing } from '../../shared/drawings/index.ts';
import type { OutboxEntry } from './drawings-db.ts';
import { mergeDrawings } from './merge-drawings.ts';

const t0 = new Date('2024-06-01T00:00:00.000Z');
const later = new Date('2024-06-01T00:05:00.000Z');
const level = (price: number): Drawing =>
  newDrawing({ symbol: 'BTCUSDT', shapeType: 'hline', points: [{ time: 1717200000, price }] }, t0);
const queued = (drawing: Drawing, op: OutboxEntry['op']): OutboxEntry => ({
  drawingId: drawing.id,
  op,
  symbol: drawing.symbol,
  drawing: op === 'put' ? drawing : undefined,
  revision: 'r',
  queuedAt: 0,
});

describe('mergeDrawings', () => {
  it('takes relay drawings the browser has not seen', () => {
    const remote = level(100);
    expect(mergeDrawings([], [remote], []).drawings).toEqual([remote]);
  });

  it('keeps an unsent local edit over an older relay copy', () => {
    const remote = level(100);
    const mine = reviseDrawing(remote, { label: 'mine' }, later);
    expect(mergeDrawings([mine], [remote], [queued(mine, 'put')])).toEqual({ drawings: [mine], supersededOutbox: [] });
  });

  it('lets a newer relay version win over an unsent local edit and drops that queued edit', () => {
    const mine = level(100);
    const theirs = reviseDrawing(mine, { label: 'theirs' }, later);
    expect(mergeDrawings([mine], [theirs], [queued(mine, 'put')])).toEqual({ drawings: [theirs], supersededOutbox: [mine.id] });
  });

  it('keeps a drawing created offline that the relay does not have yet', () => {
    const offline = level(100);
    expect(mergeDrawings([offline], [], [queued(offline, 'put')]).drawings).toEqual([offline]);
  });

  it('hides a relay drawing whose delete is still queued', () => {
    const gone = level(100);
    expect(mergeDrawings([], [gone], [queued(gone, 'delete')]).drawings).toEqual([]);
  });

  it('drops a synced local drawing that was deleted on the relay', () => {
    const synced = level(100);
    expect(mergeDrawings([synced], [], []).drawings).toEqual([]);
  });
});
