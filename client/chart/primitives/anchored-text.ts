import { projectPoint, type ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';
import { estimateTextBox } from './shape-painter.ts';

/** A note pinned to a (time, price) point; the text starts at the point and sits above it. */
export class AnchoredText extends DrawingPrimitive {
  project(projection: ChartProjection): PixelShape | null {
    const anchor = projectPoint(projection, this.drawing.points[0]);
    return anchor === null ? null : { kind: 'text', anchor, ...estimateTextBox(this.drawing.label) };
  }
}
