import type { ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';
import { estimateTextBox } from './shape-painter.ts';

/** A note pinned to a (time, price) point; the text starts at the point and sits above it. */
export class AnchoredText extends DrawingPrimitive {
  project({ timeToX, priceToY }: ChartProjection): PixelShape | null {
    const [p] = this.drawing.points;
    if (p === undefined) return null;
    const x = timeToX(p.time);
    const y = priceToY(p.price);
    if (x === null || y === null) return null;
    return { kind: 'text', anchor: { x, y }, ...estimateTextBox(this.drawing.label) };
  }
}
