import type { ISeriesApi, SeriesType, Time } from 'lightweight-charts';
import type { Drawing } from '../../../shared/drawings/index.ts';
import { createDrawingPrimitive } from './create-drawing-primitive.ts';
import { HIT_TOLERANCE_PX, type DrawingPrimitive } from './drawing-primitive.ts';
import { pickShape, type HitCandidate, type PixelPoint, type PixelShape } from './pixel-geometry.ts';

export interface DrawingLayerOptions {
  /** Seconds per bar of the shown interval; places anchors that are not bar times of it. */
  barSeconds: () => number;
  /** Called with the newly selected id, or null when the selection is cleared. */
  onSelect?: (id: string | null) => void;
}

export interface DrawingLayer {
  /** Shows exactly these drawings: adds new ones, updates changed ones, removes missing ones. */
  setDrawings(drawings: readonly Drawing[]): void;
  select(id: string | null): void;
  selectedId(): string | null;
  /** The drawing shown for an id, a drag's draft included. */
  drawingOf(id: string): Drawing | null;
  /** Shows a draft of a drawing while it is dragged, without storing it; setDrawings puts the stored one back. */
  showDraft(drawing: Drawing): void;
  /** A drawing's shape as last painted (pane CSS pixels); null when unknown or off the chart. */
  shapeOf(id: string): PixelShape | null;
  /** The drawing under a pane point (CSS pixels), or null. */
  drawingAt(point: PixelPoint): string | null;
  /** Selects whatever is under the point (clearing the selection on empty space); returns the id. */
  selectAt(point: PixelPoint): string | null;
  destroy(): void;
}

/**
 * Keeps one primitive per drawing attached to the series and owns the selection. Click routing
 * lives in the drawing tool (`onIdleClick`) so a click that finishes a shape never also selects.
 */
export function createDrawingLayer(series: ISeriesApi<SeriesType, Time>, options: DrawingLayerOptions): DrawingLayer {
  const primitives = new Map<string, DrawingPrimitive>();
  let selected: string | null = null;

  const layer: DrawingLayer = {
    setDrawings(drawings) {
      const wanted = new Map(drawings.map((d) => [d.id, d]));
      for (const [id, primitive] of primitives) {
        if (wanted.has(id)) continue;
        series.detachPrimitive(primitive);
        primitives.delete(id);
      }
      for (const drawing of drawings) {
        const existing = primitives.get(drawing.id);
        if (existing !== undefined && existing.current().shapeType === drawing.shapeType) {
          if (existing.current() !== drawing) existing.setDrawing(drawing);
          continue;
        }
        if (existing !== undefined) series.detachPrimitive(existing);
        const primitive = createDrawingPrimitive(drawing, options.barSeconds);
        primitive.setSelected(drawing.id === selected);
        series.attachPrimitive(primitive);
        primitives.set(drawing.id, primitive);
      }
      if (selected !== null && !primitives.has(selected)) layer.select(null);
    },

    select(id) {
      const next = id !== null && primitives.has(id) ? id : null;
      if (next === selected) return;
      if (selected !== null) primitives.get(selected)?.setSelected(false);
      selected = next;
      if (next !== null) primitives.get(next)?.setSelected(true);
      options.onSelect?.(next);
    },

    selectedId: () => selected,

    drawingOf: (id) => primitives.get(id)?.current() ?? null,

    showDraft(drawing) {
      primitives.get(drawing.id)?.setDrawing(drawing);
    },

    shapeOf: (id) => primitives.get(id)?.lastShape() ?? null,

    drawingAt(point) {
      const candidates: HitCandidate<string>[] = [];
      for (const [id, primitive] of primitives) {
        const shape = primitive.lastShape();
        if (shape !== null) candidates.push({ id, shape });
      }
      return pickShape(candidates, point, HIT_TOLERANCE_PX);
    },

    selectAt(point) {
      const id = layer.drawingAt(point);
      layer.select(id);
      return id;
    },

    destroy() {
      for (const primitive of primitives.values()) series.detachPrimitive(primitive);
      primitives.clear();
      selected = null;
    },
  };
  return layer;
}
