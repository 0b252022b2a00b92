import type { DrawingPoint, ShapeType } from '../../../shared/drawings/index.ts';
import { distanceToShape, handlePoints, type PixelPoint, type PixelShape } from './pixel-geometry.ts';

/** What a press on a drawing grabs: one of its handles (index into `handlePoints`) or the whole shape. */
export type DragTarget = { kind: 'handle'; index: number } | { kind: 'body' };

/** Handles are small: a press this close to one grabs it rather than the shape. */
export const HANDLE_GRAB_PX = 8;

/** Pure: the handle under the point (nearest first), else the body when the point is on the shape. */
export function dragTargetAt(shape: PixelShape, p: PixelPoint, tolerance: number): DragTarget | null {
  let best: { index: number; distance: number } | null = null;
  const handles = handlePoints(shape);
  for (let index = 0; index < handles.length; index++) {
    const h = handles[index]!;
    const distance = Math.hypot(h.x - p.x, h.y - p.y);
    if (distance <= HANDLE_GRAB_PX && (best === null || distance < best.distance)) best = { index, distance };
  }
  if (best !== null) return { kind: 'handle', index: best.index };
  return distanceToShape(shape, p) <= tolerance ? { kind: 'body' } : null;
}

/**
 * Pure: a drawing's points after a drag. The body moves every point by the pointer's travel
 * (`from` → `to`, chart space); a handle puts its point at `to`. A zone's four corner handles map
 * onto its two stored corners: corner 1 is (second time, first price), corner 3 (first time,
 * second price). A level's body and handle both move its price.
 */
export function draggedPoints(
  shapeType: ShapeType,
  points: readonly DrawingPoint[],
  target: DragTarget,
  from: DrawingPoint,
  to: DrawingPoint,
): DrawingPoint[] {
  if (target.kind === 'body') {
    const dt = to.time - from.time;
    const dp = to.price - from.price;
    return points.map((p) => ({ time: p.time + dt, price: p.price + dp }));
  }
  const [a, b] = points;
  if (shapeType === 'rectangle' && a !== undefined && b !== undefined) {
    switch (target.index) {
      case 0:
        return [to, b];
      case 1:
        return [{ time: a.time, price: to.price }, { time: to.time, price: b.price }];
      case 2:
        return [a, to];
      default:
        return [{ time: to.time, price: a.price }, { time: b.time, price: to.price }];
    }
  }
  return points.map((p, i) => (i === target.index ? to : p));
}
