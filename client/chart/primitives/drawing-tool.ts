import type { IChartApiBase, ISeriesApi, MouseEventParams, SeriesType, Time } from 'lightweight-charts';
import {
  DEFAULT_DRAWING_COLOR,
  DEFAULT_LINE_WIDTH,
  DrawingStyleSchema,
  newDrawing,
  type Drawing,
  type DrawingPoint,
  type DrawingStyle,
  type ShapeType,
} from '../../../shared/drawings/index.ts';
import { createDrawingPrimitive } from './create-drawing-primitive.ts';
import type { DrawingPrimitive } from './drawing-primitive.ts';
import { addClick, previewPoints, startSession, type ToolSession } from './drawing-tool-session.ts';

export interface DrawingToolOptions {
  /** Symbol stamped on new drawings; a function so the tool follows symbol switches. */
  symbol: () => string;
  /** Seconds per bar of the shown interval, for the preview's projection. */
  barSeconds: () => number;
  onCreate: (drawing: Drawing) => void;
  /** Clicks while no shape is being drawn (use them to select drawings). */
  onIdleClick?: (param: MouseEventParams<Time>) => void;
  /** Called when drawing stops without a shape (Escape, `cancel()`) and after `onCreate`. */
  onStop?: () => void;
  /** Reports a click that could not become a valid shape point or drawing. */
  onError?: (message: string) => void;
}

export interface StartOptions {
  style?: Partial<DrawingStyle>;
  label?: string;
}

export interface DrawingTool {
  /** Arms the tool: the next click(s) on the chart place this shape's points. */
  start(shapeType: ShapeType, options?: StartOptions): void;
  cancel(): void;
  activeShape(): ShapeType | null;
  destroy(): void;
}

/** Chart-space point under a mouse event; null off the data (past the last bar, or outside the pane). */
function pointOf(series: ISeriesApi<SeriesType, Time>, param: MouseEventParams<Time>): DrawingPoint | null {
  if (param.point === undefined || typeof param.time !== 'number') return null;
  const price = series.coordinateToPrice(param.point.y);
  return price === null ? null : { time: param.time, price };
}

/**
 * The interactive part of drawing, separate from the finished shapes: collects clicks, shows a
 * dashed preview following the crosshair, and hands a validated Drawing to `onCreate`.
 */
export function createDrawingTool(
  chart: IChartApiBase<Time>,
  series: ISeriesApi<SeriesType, Time>,
  options: DrawingToolOptions,
): DrawingTool {
  let session: ToolSession | null = null;
  let startOptions: StartOptions = {};
  let preview: DrawingPrimitive | null = null;

  // Parsed so a partial style gets the schema's defaults (line style).
  const style = (): DrawingStyle => DrawingStyleSchema.parse({ color: DEFAULT_DRAWING_COLOR, lineWidth: DEFAULT_LINE_WIDTH, ...startOptions.style });

  function clearPreview(): void {
    if (preview !== null) series.detachPrimitive(preview);
    preview = null;
  }

  function stop(): void {
    session = null;
    clearPreview();
    options.onStop?.();
  }

  function showPreview(points: DrawingPoint[]): void {
    if (session === null) return;
    // Preview objects skip validation on purpose: they are never stored.
    const draft: Drawing = {
      id: 'preview',
      symbol: options.symbol(),
      shapeType: session.shapeType,
      points,
      style: style(),
      label: startOptions.label ?? '',
      createdAt: '',
      updatedAt: '',
    };
    if (preview === null) {
      preview = createDrawingPrimitive(draft, options.barSeconds, true);
      series.attachPrimitive(preview);
    } else {
      preview.setDrawing(draft);
    }
  }

  function onClick(param: MouseEventParams<Time>): void {
    if (session === null) {
      options.onIdleClick?.(param);
      return;
    }
    const point = pointOf(series, param);
    if (point === null) {
      options.onError?.('click on a bar inside the chart to place a point');
      return;
    }
    const outcome = addClick(session, point);
    if (outcome.kind === 'collecting') {
      session = outcome.session;
      showPreview(previewPoints(session, point));
      return;
    }
    let drawing: Drawing;
    try {
      drawing = newDrawing({
        symbol: options.symbol(),
        shapeType: session.shapeType,
        points: outcome.points,
        style: style(),
        label: startOptions.label ?? '',
      });
    } catch (err) {
      options.onError?.(`drawing not created: ${err instanceof Error ? err.message : String(err)}`);
      stop();
      return;
    }
    options.onCreate(drawing);
    stop();
  }

  function onMove(param: MouseEventParams<Time>): void {
    if (session === null) return;
    const point = pointOf(series, param);
    if (point !== null) showPreview(previewPoints(session, point));
  }

  function onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape' && session !== null) stop();
  }

  chart.subscribeClick(onClick);
  chart.subscribeCrosshairMove(onMove);
  globalThis.addEventListener?.('keydown', onKey);

  return {
    start(shapeType, opts = {}) {
      clearPreview();
      session = startSession(shapeType);
      startOptions = opts;
    },
    cancel() {
      if (session !== null) stop();
    },
    activeShape: () => session?.shapeType ?? null,
    destroy() {
      session = null;
      clearPreview();
      chart.unsubscribeClick(onClick);
      chart.unsubscribeCrosshairMove(onMove);
      globalThis.removeEventListener?.('keydown', onKey);
    },
  };
}
