import type { CanvasRenderingTarget2D } from 'fancy-canvas';
import type {
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  PrimitiveHoveredItem,
  SeriesAttachedParameter,
  Time,
} from 'lightweight-charts';
import type { Drawing } from '../../../shared/drawings/index.ts';
import { chartProjection, type ChartProjection } from './chart-projection.ts';
import { distanceToShape, type PixelPoint, type PixelShape } from './pixel-geometry.ts';
import { paintShape, type ShapeLook } from './shape-painter.ts';

/** Pixels within which the cursor counts as "on" a drawing. */
export const HIT_TOLERANCE_PX = 6;

class DrawingRenderer implements IPrimitivePaneRenderer {
  constructor(
    private readonly shape: PixelShape | null,
    private readonly look: ShapeLook,
  ) {}

  draw(target: CanvasRenderingTarget2D): void {
    const shape = this.shape;
    if (shape === null) return;
    target.useBitmapCoordinateSpace((scope) => paintShape(scope, shape, this.look));
  }
}

class DrawingPaneView implements IPrimitivePaneView {
  shape: PixelShape | null = null;

  constructor(private readonly source: DrawingPrimitive) {}

  /** The only place chart-space points become pixels; runs whenever the viewport changes. */
  update(projection: ChartProjection | null): void {
    this.shape = projection === null ? null : this.source.project(projection);
  }

  renderer(): IPrimitivePaneRenderer {
    return new DrawingRenderer(this.shape, this.source.look());
  }
}

/**
 * Base for the drawing primitives: holds one Drawing (chart-space data only) plus selection state.
 * Subclasses only say how their points project to a pixel shape.
 */
export abstract class DrawingPrimitive implements ISeriesPrimitive<Time> {
  private attachment: SeriesAttachedParameter<Time> | null = null;
  private readonly view = new DrawingPaneView(this);
  private readonly views: readonly IPrimitivePaneView[] = [this.view];
  private selected = false;

  /** `barSeconds` reads the shown interval at paint time, so an interval switch needs no re-creation. */
  constructor(
    protected drawing: Drawing,
    private readonly barSeconds: () => number,
    private readonly preview = false,
  ) {}

  get id(): string {
    return this.drawing.id;
  }

  current(): Drawing {
    return this.drawing;
  }

  setDrawing(drawing: Drawing): void {
    this.drawing = drawing;
    this.attachment?.requestUpdate();
  }

  setSelected(selected: boolean): void {
    if (this.selected === selected) return;
    this.selected = selected;
    this.attachment?.requestUpdate();
  }

  isSelected(): boolean {
    return this.selected;
  }

  look(): ShapeLook {
    return { style: this.drawing.style, label: this.drawing.label, selected: this.selected, preview: this.preview };
  }

  /** Projects the drawing's chart-space points to a pixel shape; null when it cannot be placed. */
  abstract project(projection: ChartProjection): PixelShape | null;

  /** The series it is attached to, for subclasses that label the price axis. */
  protected attachedSeries(): SeriesAttachedParameter<Time>['series'] | null {
    return this.attachment?.series ?? null;
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.attachment = param;
  }

  detached(): void {
    this.attachment = null;
  }

  updateAllViews(): void {
    const a = this.attachment;
    this.view.update(a === null ? null : chartProjection(a.chart, a.series, this.barSeconds()));
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  /** Distance in pixels from a pane point to the drawing as last painted; Infinity when off-screen. */
  distanceTo(point: PixelPoint): number {
    return this.view.shape === null ? Infinity : distanceToShape(this.view.shape, point);
  }

  lastShape(): PixelShape | null {
    return this.view.shape;
  }

  /** Lets the chart show a pointer over drawings and report the id in click/crosshair events. */
  hitTest(x: number, y: number): PrimitiveHoveredItem | null {
    if (this.preview) return null;
    const distance = this.distanceTo({ x, y });
    if (distance > HIT_TOLERANCE_PX) return null;
    // Every drawing can be dragged; a selected one shows it with the move cursor.
    return { externalId: this.drawing.id, zOrder: 'normal', cursorStyle: this.selected ? 'move' : 'pointer', distance };
  }
}
