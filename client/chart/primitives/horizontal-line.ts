import type { ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';

/** A price level across the whole pane; its time only places the selection handle. */
export class HorizontalLine extends DrawingPrimitive {
  project({ timeToX, priceToY, paneWidth }: ChartProjection): PixelShape | null {
    const [p] = this.drawing.points;
    if (p === undefined) return null;
    const y = priceToY(p.price);
    if (y === null) return null;
    const x = timeToX(p.time);
    return { kind: 'hline', y, anchorX: x !== null && x >= 0 && x <= paneWidth ? x : null, paneWidth };
  }
}
