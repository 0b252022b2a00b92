import type { ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';

/** A straight line between two (time, price) points: trend, support or resistance. */
export class TrendLine extends DrawingPrimitive {
  project({ timeToX, priceToY }: ChartProjection): PixelShape | null {
    const [p1, p2] = this.drawing.points;
    if (p1 === undefined || p2 === undefined) return null;
    const x1 = timeToX(p1.time);
    const y1 = priceToY(p1.price);
    const x2 = timeToX(p2.time);
    const y2 = priceToY(p2.price);
    if (x1 === null || y1 === null || x2 === null || y2 === null) return null;
    return { kind: 'segment', a: { x: x1, y: y1 }, b: { x: x2, y: y2 } };
  }
}
