import { projectPoint, type ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';

/** A price/time zone spanned by two opposite corners (supply/demand areas, ranges). */
export class RectangleZone extends DrawingPrimitive {
  project(projection: ChartProjection): PixelShape | null {
    const [p1, p2] = this.drawing.points;
    const a = projectPoint(projection, p1);
    const b = projectPoint(projection, p2);
    return a === null || b === null ? null : { kind: 'rect', a, b };
  }
}
