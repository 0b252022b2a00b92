import type { ISeriesPrimitiveAxisView } from 'lightweight-charts';
import type { ChartProjection } from './chart-projection.ts';
import { DrawingPrimitive } from './drawing-primitive.ts';
import type { PixelShape } from './pixel-geometry.ts';

/** The level's price in a box on the price axis, in the line's colour, as TradingView shows it. */
class LevelAxisLabel implements ISeriesPrimitiveAxisView {
  constructor(private readonly level: HorizontalLine) {}

  coordinate(): number {
    const shape = this.level.lastShape();
    return shape?.kind === 'hline' ? shape.y : -1;
  }

  text(): string {
    return this.level.priceText();
  }

  textColor(): string {
    return '#ffffff';
  }

  backColor(): string {
    return this.level.current().style.color;
  }

  visible(): boolean {
    return this.level.lastShape() !== null;
  }
}

/** A price level across the whole pane; its time only places the selection handle. */
export class HorizontalLine extends DrawingPrimitive {
  private readonly axisViews: readonly ISeriesPrimitiveAxisView[] = [new LevelAxisLabel(this)];

  project({ timeToX, priceToY, paneWidth }: ChartProjection): PixelShape | null {
    const [p] = this.drawing.points;
    if (p === undefined) return null;
    const y = priceToY(p.price);
    if (y === null) return null;
    const x = timeToX(p.time);
    return { kind: 'hline', y, anchorX: x !== null && x >= 0 && x <= paneWidth ? x : null, paneWidth };
  }

  /** Formatted like the series' own axis labels (the instrument's tick decimals). */
  priceText(): string {
    const price = this.drawing.points[0]?.price;
    if (price === undefined) return '';
    return this.attachedSeries()?.priceFormatter().format(price) ?? String(price);
  }

  priceAxisViews(): readonly ISeriesPrimitiveAxisView[] {
    return this.axisViews;
  }
}
