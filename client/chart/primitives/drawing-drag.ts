import type { IChartApiBase, ISeriesApi, SeriesType, Time } from 'lightweight-charts';
import type { Drawing, DrawingPoint } from '../../../shared/drawings/index.ts';
import { dragTargetAt, draggedPoints, type DragTarget } from './drag-geometry.ts';
import type { DrawingLayer } from './drawing-layer.ts';
import { HIT_TOLERANCE_PX } from './drawing-primitive.ts';
import type { PixelPoint } from './pixel-geometry.ts';

/** Pointer travel below this is a click (select), not a drag. */
const DRAG_THRESHOLD_PX = 3;

export interface DrawingDragOptions {
  /** False while a drawing tool is placing points: presses then belong to the tool. */
  enabled: () => boolean;
  /** A finished drag: the drawing as it was and its new points; the caller stores the revision. */
  onDragEnd: (before: Drawing, points: DrawingPoint[]) => void;
}

interface Grab {
  drawing: Drawing;
  target: DragTarget;
  from: DrawingPoint;
  start: PixelPoint;
  moved: boolean;
  points: DrawingPoint[];
  pointerId: number;
}

/**
 * Drags drawings on the price pane: press on a shape moves it whole, on a handle moves that point,
 * as in TradingView. The chart's own panning and scaling are switched off for the drag (the
 * lightweight-charts plugin examples do the same), and the draft is shown through the layer until
 * the pointer is released.
 */
export function createDrawingDrag(
  chart: IChartApiBase<Time>,
  series: ISeriesApi<SeriesType, Time>,
  layer: DrawingLayer,
  options: DrawingDragOptions,
): { destroy(): void } {
  const element = chart.chartElement();
  let grab: Grab | null = null;

  const panePoint = (event: PointerEvent): PixelPoint => {
    const box = element.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  /** Chart-space point under a pane point; time snaps to the bar under it (kept when past the bars). */
  const chartPoint = (p: PixelPoint, fallbackTime: number): DrawingPoint | null => {
    const price = series.coordinateToPrice(p.y);
    const time = chart.timeScale().coordinateToTime(p.x);
    if (price === null) return null;
    return { time: typeof time === 'number' ? time : fallbackTime, price };
  };

  const grabAt = (p: PixelPoint): { drawing: Drawing; target: DragTarget } | null => {
    // The selected drawing's handles win over any shape under it.
    const ids = [layer.selectedId(), layer.drawingAt(p)];
    for (const id of ids) {
      if (id === null) continue;
      const shape = layer.shapeOf(id);
      const drawing = layer.drawingOf(id);
      const target = shape === null ? null : dragTargetAt(shape, p, HIT_TOLERANCE_PX);
      if (drawing !== null && target !== null) return { drawing, target };
    }
    return null;
  };

  let saved: { handleScroll: unknown; handleScale: unknown } | null = null;
  const freezeChart = () => {
    const { handleScroll, handleScale } = chart.options();
    saved = { handleScroll, handleScale };
    chart.applyOptions({ handleScroll: false, handleScale: false });
  };
  const thawChart = () => {
    if (saved !== null) chart.applyOptions(saved as Parameters<typeof chart.applyOptions>[0]);
    saved = null;
  };

  const onDown = (event: PointerEvent) => {
    if (event.button !== 0 || !options.enabled() || grab !== null) return;
    const p = panePoint(event);
    if (p.x > chart.timeScale().width()) return;
    const hit = grabAt(p);
    if (hit === null) return;
    const handle = hit.target.kind === 'handle' ? hit.drawing.points[hit.target.index] : undefined;
    const from = chartPoint(p, handle?.time ?? hit.drawing.points[0]!.time);
    if (from === null) return;
    grab = { ...hit, from, start: p, moved: false, points: [...hit.drawing.points], pointerId: event.pointerId };
    // Before the chart sees the press, so it does not start panning under the drag.
    freezeChart();
    layer.select(hit.drawing.id);
  };

  const onMove = (event: PointerEvent) => {
    if (grab === null || event.pointerId !== grab.pointerId) return;
    const p = panePoint(event);
    if (!grab.moved && Math.hypot(p.x - grab.start.x, p.y - grab.start.y) < DRAG_THRESHOLD_PX) return;
    grab.moved = true;
    const to = chartPoint(p, grab.from.time);
    if (to === null) return;
    const points = draggedPoints(grab.drawing.shapeType, grab.drawing.points, grab.target, grab.from, to);
    // A price at or below zero cannot be stored; the draft stops there.
    if (points.some((q) => !(q.price > 0) || !(q.time > 0))) return;
    grab.points = points;
    layer.showDraft({ ...grab.drawing, points });
  };

  const onUp = (event: PointerEvent) => {
    if (grab === null || event.pointerId !== grab.pointerId) return;
    const done = grab;
    grab = null;
    thawChart();
    if (done.moved) options.onDragEnd(done.drawing, done.points);
  };

  element.addEventListener('pointerdown', onDown, { capture: true });
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onUp);
  return {
    destroy() {
      element.removeEventListener('pointerdown', onDown, { capture: true });
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onUp);
      thawChart();
    },
  };
}
