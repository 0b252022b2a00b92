import { projectPoint, type ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';

/** A straight line between two (time, price) points: trend, support or resistance. */
export class TrendLine extends DrawingPrimitive {
  project(projection: ChartProjection): PixelShape | null {
    const [p1, p2] = this.drawing.points;
    const a = projectPoint(projection, p1);
    const b = projectPoint(projection, p2);
    return a === null || b === null ? null : { kind: 'segment', a, b };
  }
}
