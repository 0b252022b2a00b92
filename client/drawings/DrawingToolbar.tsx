import { useEffect, useState } from 'react';
import type { IChartApiBase, ISeriesApi, SeriesType, Time } from 'lightweight-charts';
import { useReadOnly } from '../access/read-only.ts';
import {
  DEFAULT_DRAWING_COLOR,
  DEFAULT_LINE_WIDTH,
  DrawingStyleSchema,
  LINE_STYLES,
  type DrawingStyle,
  type LineStyle,
  type ShapeType,
} from '../../shared/drawings/index.ts';
import type { Interval } from '../../shared/market/index.ts';
import { chartShortcut, keyPressOf } from '../chart/chart-shortcuts.ts';
import { joinSeriesVolume } from '../chart/primitives/series-volume-bars.ts';
import { VolumeProfile } from '../chart/primitives/volume-profile.ts';
import { browserDrawingsRepository } from './browser-drawings-repository.ts';
import type { DrawingsRepository } from './drawings-repository.ts';
import { useChartDrawings } from './use-chart-drawings.ts';

export interface DrawingToolbarProps {
  chart: IChartApiBase<Time>;
  /** The price series drawings and the volume profile attach to. */
  series: ISeriesApi<SeriesType, Time>;
  symbol: string;
  /** The interval shown; drawings keep their times on every interval. */
  interval: Interval;
  /** Histogram of bar volumes; enables the volume profile toggle. */
  volumeSeries?: ISeriesApi<SeriesType, Time>;
  /** The volume profile switch, owned by the chart layout so it survives reloads. */
  volumeProfile: boolean;
  onVolumeProfileChange: (on: boolean) => void;
  /** Defaults to the browser's IndexedDB store synced to the relay. */
  repository?: DrawingsRepository;
}

const TOOLS: readonly { shape: ShapeType; label: string; title: string }[] = [
  { shape: 'trendline', label: '╱ Trend', title: 'Trend / support line: click two points' },
  { shape: 'hline', label: '— Level', title: 'Horizontal line: click once' },
  { shape: 'rectangle', label: '▭ Zone', title: 'Rectangle zone: click two opposite corners' },
  { shape: 'text', label: 'T Text', title: 'Text note: type the text, then click where it goes' },
];

const LINE_STYLE_LABELS: Readonly<Record<LineStyle, string>> = { solid: '━ Solid', dashed: '╍ Dashed', dotted: '┈ Dotted' };

/** Drawing tools, style inputs and the volume profile switch for one chart. */
export function DrawingToolbar({ chart, series, symbol, interval, volumeSeries, volumeProfile, onVolumeProfileChange, repository }: DrawingToolbarProps) {
  // A viewer's drawings would stay in this browser only: the relay refuses their sync with a 403.
  const readOnly = useReadOnly();
  const [repo] = useState(() => repository ?? browserDrawingsRepository());
  const drawings = useChartDrawings(chart, series, symbol, interval, repo);
  const [toolStyle, setToolStyle] = useState<DrawingStyle>({ color: DEFAULT_DRAWING_COLOR, lineWidth: DEFAULT_LINE_WIDTH, lineStyle: 'solid' });
  // With a drawing selected the style inputs show and edit its style; otherwise the next drawing's.
  const selected = drawings.drawings.find((d) => d.id === drawings.selectedId);
  const { color, lineWidth, lineStyle } = selected?.style ?? toolStyle;
  const [label, setLabel] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);

  useEffect(() => {
    if (!volumeProfile || volumeSeries === undefined) return;
    const profile = new VolumeProfile();
    profile.setBars(() => joinSeriesVolume(series.data(), volumeSeries.data()));
    series.attachPrimitive(profile);
    // Live candles change volumes without moving the viewport; refresh at a calm pace.
    const timer = setInterval(() => profile.refresh(), 2000);
    return () => {
      clearInterval(timer);
      series.detachPrimitive(profile);
    };
  }, [volumeProfile, series, volumeSeries]);

  const { deleteSelected, cancel, deselect, undo, redo } = drawings;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const shortcut = chartShortcut(keyPressOf(event));
      if (shortcut?.kind === 'delete') void deleteSelected();
      else if (shortcut?.kind === 'escape') {
        cancel();
        deselect();
      } else if (shortcut?.kind === 'undo' || shortcut?.kind === 'redo') {
        event.preventDefault();
        void (shortcut.kind === 'undo' ? undo() : redo());
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deleteSelected, cancel, deselect, undo, redo]);

  function currentStyle(): DrawingStyle | null {
    const parsed = DrawingStyleSchema.safeParse(toolStyle);
    if (parsed.success) return parsed.data;
    setInputError(parsed.error.issues.map((i) => i.message).join('; '));
    return null;
  }

  function startTool(shape: ShapeType) {
    setInputError(null);
    if (drawings.activeTool === shape) {
      drawings.cancel();
      return;
    }
    if (shape === 'text' && label.trim() === '') {
      setInputError('type the note text first, then click the chart');
      return;
    }
    const style = currentStyle();
    if (style !== null) drawings.start(shape, style, label.trim());
  }

  function applyStyle(change: Partial<DrawingStyle>) {
    const parsed = DrawingStyleSchema.safeParse({ color, lineWidth, lineStyle, ...change });
    if (!parsed.success) {
      setInputError(parsed.error.issues.map((i) => i.message).join('; '));
      return;
    }
    setInputError(null);
    setToolStyle(parsed.data);
    if (selected !== undefined) void drawings.restyleSelected(parsed.data);
  }

  const message = inputError ?? drawings.message;
  return (
    <div className="toolbar drawing-toolbar" role="toolbar" aria-label="Drawing tools" data-testid="drawing-toolbar" data-drawing-count={drawings.drawings.length}>
      {TOOLS.map((tool) => (
        <button
          key={tool.shape}
          type="button"
          title={readOnly ? 'Viewers cannot draw: sign in with the operator token' : tool.title}
          disabled={readOnly}
          className={drawings.activeTool === tool.shape ? 'active' : undefined}
          aria-pressed={drawings.activeTool === tool.shape}
          onClick={() => startTool(tool.shape)}
          data-testid={`draw-${tool.shape}`}
        >
          {tool.label}
        </button>
      ))}
      <input
        type="text"
        value={label}
        maxLength={200}
        placeholder="Label / note text"
        aria-label="Label"
        onChange={(e) => setLabel(e.target.value)}
        data-testid="drawing-label"
      />
      <input
        type="color"
        value={color}
        aria-label="Colour"
        onChange={(e) => applyStyle({ color: e.target.value })}
        data-testid="drawing-color"
      />
      <input
        type="number"
        min={1}
        max={10}
        step={1}
        value={lineWidth}
        aria-label="Line width"
        onChange={(e) => applyStyle({ lineWidth: Number(e.target.value) })}
        data-testid="drawing-width"
      />
      <select value={lineStyle} aria-label="Line style" onChange={(e) => applyStyle({ lineStyle: e.target.value as LineStyle })} data-testid="drawing-line-style">
        {LINE_STYLES.map((style) => (
          <option key={style} value={style}>
            {LINE_STYLE_LABELS[style]}
          </option>
        ))}
      </select>
      <button type="button" disabled={readOnly || !drawings.canUndo} onClick={() => void drawings.undo()} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="drawing-undo">
        ↶
      </button>
      <button type="button" disabled={readOnly || !drawings.canRedo} onClick={() => void drawings.redo()} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="drawing-redo">
        ↷
      </button>
      <button
        type="button"
        disabled={drawings.selectedId === null}
        onClick={() => void drawings.deleteSelected()}
        data-testid="drawing-delete"
        data-selected-id={drawings.selectedId ?? ''}
      >
        Delete
      </button>
      <label title={volumeSeries === undefined ? 'needs the chart volume series' : 'Volume by price over the visible bars'}>
        <input
          type="checkbox"
          checked={volumeProfile}
          disabled={volumeSeries === undefined}
          onChange={(e) => onVolumeProfileChange(e.target.checked)}
          data-testid="volume-profile-toggle"
        />
        Volume profile
      </label>
      {message !== null && (
        <span className="drawing-message" role="status" data-testid="drawing-message">
          {message}
        </span>
      )}
    </div>
  );
}
