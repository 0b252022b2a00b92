import { useCallback, useEffect, useEffectEvent, useRef, useState } from 'react';
import type { IChartApiBase, ISeriesApi, SeriesType, Time } from 'lightweight-charts';
import { reviseDrawing, type Drawing, type DrawingStyle, type ShapeType } from '../../shared/drawings/index.ts';
import { createDrawingLayer, type DrawingLayer } from '../chart/primitives/drawing-layer.ts';
import { exposeForDebugging } from '../chart/debug-handles.ts';
import { createDrawingDrag } from '../chart/primitives/drawing-drag.ts';
import { createDrawingTool, type DrawingTool } from '../chart/primitives/drawing-tool.ts';
import { EMPTY_HISTORY, recordChange, redo as redoStep, undo as undoStep, type DrawingChange, type DrawingHistory, type HistoryWrite } from './drawing-history.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import { useRemoveDrawing, useSaveDrawing, useSymbolDrawings } from './drawing-queries.ts';
import type { DrawingsRepository } from './drawings-repository.ts';

export interface ChartDrawingsState {
  activeTool: ShapeType | null;
  selectedId: string | null;
  drawings: readonly Drawing[];
  /** Last problem worth showing (bad click, storage failure, relay unreachable). */
  message: string | null;
  start(shapeType: ShapeType, style: DrawingStyle, label: string): void;
  cancel(): void;
  /** Clears the selection (Esc). */
  deselect(): void;
  deleteSelected(): Promise<void>;
  restyleSelected(style: DrawingStyle): Promise<void>;
  canUndo: boolean;
  canRedo: boolean;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Wires the drawing tool, the drawing layer and the repository for one chart and symbol. The
 * drawings come from react-query (drawing-queries.ts): local ones at once, then the relay's
 * merged in; every change is shown at once and saved locally first.
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
  const [message, setMessage] = useState<string | null>(null);
  /** When the user last started a tool: load errors from before then are no longer shown. */
  const [dismissedAt, setDismissedAt] = useState(0);
  const layerRef = useRef<DrawingLayer | null>(null);
  const toolRef = useRef<DrawingTool | null>(null);
  const symbolRef = useRef(symbol);
  // Drawings are per symbol and shown on every interval; only their projection needs the interval.
  const barSecondsRef = useRef(INTERVAL_MS[interval] / 1000);
  const drawingsRef = useRef<readonly Drawing[]>([]);
  /** A drawing just created is selected once the layer has it. */
  const selectNextRef = useRef<string | null>(null);

  const { drawings, local, relaySync } = useSymbolDrawings(repository, symbol);
  const { mutate: saveDrawing, mutateAsync: saveDrawingAsync } = useSaveDrawing(repository);
  const { mutateAsync: removeDrawing } = useRemoveDrawing(repository);
  // Undo/redo is per symbol: another symbol's chart starts with an empty history.
  // The history lives in a ref (read by event handlers); the state only re-renders the buttons.
  const historyRef = useRef<{ symbol: string; history: DrawingHistory }>({ symbol, history: EMPTY_HISTORY });
  const [depth, setDepth] = useState({ symbol, done: 0, undone: 0 });
  const currentHistory = useCallback(
    () => (historyRef.current.symbol === symbolRef.current ? historyRef.current.history : EMPTY_HISTORY),
    [],
  );
  const setHistory = useCallback((next: DrawingHistory) => {
    historyRef.current = { symbol: symbolRef.current, history: next };
    setDepth({ symbol: symbolRef.current, done: next.done.length, undone: next.undone.length });
  }, []);
  const record = useCallback((change: DrawingChange) => setHistory(recordChange(currentHistory(), change)), [setHistory, currentHistory]);

  const onCreate = useEffectEvent((drawing: Drawing) => {
    selectNextRef.current = drawing.id;
    record({ before: null, after: drawing });
    saveDrawing(drawing, { onError: (err) => setMessage(`could not save drawing: ${errorText(err)}`) });
  });

  const onDragEnd = useEffectEvent((before: Drawing, points: Drawing['points']) => {
    let after: Drawing;
    try {
      after = reviseDrawing(before, { points });
    } catch (err) {
      layerRef.current?.showDraft(before);
      setMessage(`could not move drawing: ${errorText(err)}`);
      return;
    }
    record({ before, after });
    saveDrawing(after, { onError: (err) => setMessage(`could not save the moved drawing: ${errorText(err)}`) });
  });

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
      onCreate: (drawing) => onCreate(drawing),
    });
    const drag = createDrawingDrag(chart, series, layer, {
      enabled: () => tool.activeShape() === null,
      onDragEnd: (before, points) => onDragEnd(before, points),
    });
    layerRef.current = layer;
    toolRef.current = tool;
    layer.setDrawings(drawingsRef.current);
    const unexpose = exposeForDebugging('__drawingLayer', layer);
    const stopSync = repository.startBackgroundSync();
    return () => {
      unexpose();
      stopSync();
      drag.destroy();
      tool.destroy();
      layer.destroy();
      layerRef.current = null;
      toolRef.current = null;
    };
  }, [chart, series, repository]);

  // The new interval's bars arrive after this runs, and their repaint re-projects every drawing.
  useEffect(() => {
    barSecondsRef.current = INTERVAL_MS[interval] / 1000;
  }, [interval]);

  useEffect(() => {
    symbolRef.current = symbol;
    toolRef.current?.cancel();
  }, [symbol]);

  // The query's list is the truth; the layer mirrors it (another symbol's list is empty until it loads).
  useEffect(() => {
    drawingsRef.current = drawings;
    layerRef.current?.setDrawings(drawings);
    if (selectNextRef.current !== null) {
      layerRef.current?.select(selectNextRef.current);
      selectNextRef.current = null;
    }
  }, [drawings]);

  const deleteSelected = useCallback(async () => {
    const id = layerRef.current?.selectedId() ?? null;
    const current = drawingsRef.current.find((d) => d.id === id);
    if (current === undefined) return;
    record({ before: current, after: null });
    try {
      await removeDrawing(current);
    } catch (err) {
      setMessage(`could not delete drawing: ${errorText(err)}`);
    }
  }, [removeDrawing, record]);

  const restyleSelected = useCallback(
    async (style: DrawingStyle) => {
      const id = layerRef.current?.selectedId() ?? null;
      const current = drawingsRef.current.find((d) => d.id === id);
      if (current === undefined) return;
      const after = reviseDrawing(current, { style: { ...current.style, ...style } });
      record({ before: current, after });
      try {
        await saveDrawingAsync(after);
      } catch (err) {
        setMessage(`could not restyle drawing: ${errorText(err)}`);
      }
    },
    [saveDrawingAsync, record],
  );

  /** Stores a history step as a new revision (a new updatedAt, so it wins every merge) or a removal. */
  const applyWrite = useCallback(
    async (write: HistoryWrite) => {
      if (write.kind === 'remove') {
        await removeDrawing(write.drawing);
        return;
      }
      selectNextRef.current = write.drawing.id;
      await saveDrawingAsync(reviseDrawing(write.drawing, {}));
    },
    [removeDrawing, saveDrawingAsync],
  );

  const step = useCallback(
    async (which: 'undo' | 'redo') => {
      const result = which === 'undo' ? undoStep(currentHistory()) : redoStep(currentHistory());
      if (result === null) return;
      setHistory(result.history);
      try {
        await applyWrite(result.write);
      } catch (err) {
        setMessage(`could not ${which}: ${errorText(err)}`);
      }
    },
    [applyWrite, setHistory, currentHistory],
  );
  const undo = useCallback(() => step('undo'), [step]);
  const redo = useCallback(() => step('redo'), [step]);

  const start = useCallback((shapeType: ShapeType, style: DrawingStyle, label: string) => {
    setMessage(null);
    setDismissedAt(Date.now());
    layerRef.current?.select(null);
    toolRef.current?.start(shapeType, { style, label });
    setActiveTool(shapeType);
  }, []);

  const cancel = useCallback(() => toolRef.current?.cancel(), []);
  const deselect = useCallback(() => layerRef.current?.select(null), []);

  const loadMessage =
    local.error && local.errorUpdatedAt > dismissedAt
      ? `could not read this browser's drawings: ${errorText(local.error)}`
      : relaySync.error && relaySync.errorUpdatedAt > dismissedAt
        ? `drawings shown from this browser only (relay sync failed: ${errorText(relaySync.error)})`
        : null;

  return {
    activeTool,
    selectedId,
    drawings,
    message: message ?? loadMessage,
    start,
    cancel,
    deselect,
    deleteSelected,
    restyleSelected,
    canUndo: depth.symbol === symbol && depth.done > 0,
    canRedo: depth.symbol === symbol && depth.undone > 0,
    undo,
    redo,
  };
}
