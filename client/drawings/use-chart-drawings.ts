import { useCallback, useEffect, useRef, useState } from 'react';
import type { IChartApiBase, ISeriesApi, SeriesType, Time } from 'lightweight-charts';
import { reviseDrawing, type Drawing, type DrawingStyle, type ShapeType } from '../../shared/drawings/index.ts';
import { createDrawingLayer, type DrawingLayer } from '../chart/primitives/drawing-layer.ts';
import { exposeForDebugging } from '../chart/debug-handles.ts';
import { createDrawingTool, type DrawingTool } from '../chart/primitives/drawing-tool.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import type { DrawingsRepository } from './drawings-repository.ts';

export interface ChartDrawingsState {
  activeTool: ShapeType | null;
  selectedId: string | null;
  drawings: readonly Drawing[];
  /** Last problem worth showing (bad click, storage failure, relay unreachable). */
  message: string | null;
  start(shapeType: ShapeType, style: DrawingStyle, label: string): void;
  cancel(): void;
  deleteSelected(): Promise<void>;
  restyleSelected(style: DrawingStyle): Promise<void>;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Wires the drawing tool, the drawing layer and the repository for one chart and symbol:
 * loads local drawings at once, then merges the relay's; every change is saved locally first.
 */
export function useChartDrawings(
  chart: IChartApiBase<Time>,
  series: ISeriesApi<SeriesType, Time>,
  symbol: string,
  interval: Interval,
  repository: DrawingsRepository,
): ChartDrawingsState {
  const [activeTool, setActiveTool] = useState<ShapeType | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [drawings, setDrawings] = useState<readonly Drawing[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const layerRef = useRef<DrawingLayer | null>(null);
  const toolRef = useRef<DrawingTool | null>(null);
  const symbolRef = useRef(symbol);
  // Drawings are per symbol and shown on every interval; only their projection needs the interval.
  const barSecondsRef = useRef(INTERVAL_MS[interval] / 1000);
  const drawingsRef = useRef<readonly Drawing[]>([]);

  const show = useCallback((next: readonly Drawing[]) => {
    drawingsRef.current = next;
    layerRef.current?.setDrawings(next);
    setDrawings(next);
  }, []);

  useEffect(() => {
    const barSeconds = () => barSecondsRef.current;
    const layer = createDrawingLayer(series, { onSelect: setSelectedId, barSeconds });
    const tool = createDrawingTool(chart, series, {
      symbol: () => symbolRef.current,
      barSeconds,
      onIdleClick: (param) => {
        if (param.point !== undefined) layer.selectAt(param.point);
      },
      onStop: () => setActiveTool(null),
      onError: setMessage,
      onCreate: (drawing) => {
        show([...drawingsRef.current, drawing]);
        layer.select(drawing.id);
        repository.save(drawing).catch((err: unknown) => setMessage(`could not save drawing: ${errorText(err)}`));
      },
    });
    layerRef.current = layer;
    toolRef.current = tool;
    layer.setDrawings(drawingsRef.current);
    const unexpose = exposeForDebugging('__drawingLayer', layer);
    const stopSync = repository.startBackgroundSync();
    return () => {
      unexpose();
      stopSync();
      tool.destroy();
      layer.destroy();
      layerRef.current = null;
      toolRef.current = null;
    };
  }, [chart, series, repository, show]);

  // The new interval's bars arrive after this runs, and their repaint re-projects every drawing.
  useEffect(() => {
    barSecondsRef.current = INTERVAL_MS[interval] / 1000;
  }, [interval]);

  useEffect(() => {
    symbolRef.current = symbol;
    let cancelled = false;
    toolRef.current?.cancel();
    // Hide the previous symbol's drawings at once; React state follows when the list loads.
    drawingsRef.current = [];
    layerRef.current?.setDrawings([]);
    void (async () => {
      try {
        const local = await repository.list(symbol);
        if (!cancelled) show(local);
        const merged = await repository.refresh(symbol);
        if (!cancelled) show(merged);
      } catch (err) {
        if (!cancelled) setMessage(`drawings shown from this browser only (relay sync failed: ${errorText(err)})`);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [symbol, repository, show]);

  const deleteSelected = useCallback(async () => {
    const id = layerRef.current?.selectedId() ?? null;
    if (id === null) return;
    show(drawingsRef.current.filter((d) => d.id !== id));
    try {
      await repository.remove(id);
    } catch (err) {
      setMessage(`could not delete drawing: ${errorText(err)}`);
    }
  }, [repository, show]);

  const restyleSelected = useCallback(
    async (style: DrawingStyle) => {
      const id = layerRef.current?.selectedId() ?? null;
      const current = drawingsRef.current.find((d) => d.id === id);
      if (current === undefined) return;
      try {
        const revised = reviseDrawing(current, { style: { ...current.style, ...style } });
        show(drawingsRef.current.map((d) => (d.id === revised.id ? revised : d)));
        await repository.save(revised);
      } catch (err) {
        setMessage(`could not restyle drawing: ${errorText(err)}`);
      }
    },
    [repository, show],
  );

  const start = useCallback((shapeType: ShapeType, style: DrawingStyle, label: string) => {
    setMessage(null);
    layerRef.current?.select(null);
    toolRef.current?.start(shapeType, { style, label });
    setActiveTool(shapeType);
  }, []);

  const cancel = useCallback(() => toolRef.current?.cancel(), []);

  return { activeTool, selectedId, drawings, message, start, cancel, deleteSelected, restyleSelected };
}
