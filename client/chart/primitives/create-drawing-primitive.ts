import type { Drawing } from '../../../shared/drawings/index.ts';
import { AnchoredText } from './anchored-text.ts';
import type { DrawingPrimitive } from './drawing-primitive.ts';
import { HorizontalLine } from './horizontal-line.ts';
import { RectangleZone } from './rectangle-zone.ts';
import { TrendLine } from './trend-line.ts';

/** The primitive class that renders a drawing's shape type. */
export function createDrawingPrimitive(drawing: Drawing, barSeconds: () => number, preview = false): DrawingPrimitive {
  switch (drawing.shapeType) {
    case 'trendline':
      return new TrendLine(drawing, barSeconds, preview);
    case 'hline':
      return new HorizontalLine(drawing, barSeconds, preview);
    case 'rectangle':
      return new RectangleZone(drawing, barSeconds, preview);
    case 'text':
      return new AnchoredText(drawing, barSeconds, preview);
  }
}
