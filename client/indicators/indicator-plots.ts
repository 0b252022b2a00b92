import type { HistogramData, LineData, UTCTimestamp } from 'lightweight-charts';
import type { IndicatorSpec } from '../../shared/indicators/index.ts';

/** How one output of an indicator is drawn. */
export interface Plot {
  output: string;
  kind: 'line' | 'histogram';
  color: string;
  lineWidth: 1 | 2;
  /** Horizontal guides (RSI 30/70). */
  guides?: number[];
}

const SIGNAL_COLOR = '#ff7043';

export function plotsFor(spec: IndicatorSpec, color: string): Plot[] {
  switch (spec.name) {
    case 'bb':
      return [
        { output: 'upper', kind: 'line', color, lineWidth: 1 },
        { output: 'middle', kind: 'line', color, lineWidth: 1 },
        { output: 'lower', kind: 'line', color, lineWidth: 1 },
      ];
    case 'macd':
      return [
        { output: 'histogram', kind: 'histogram', color, lineWidth: 1 },
        { output: 'macd', kind: 'line', color, lineWidth: 2 },
        { output: 'signal', kind: 'line', color: SIGNAL_COLOR, lineWidth: 1 },
      ];
    case 'rsi':
      return [{ output: 'value', kind: 'line', color, lineWidth: 2, guides: [30, 70] }];
    default:
      return [{ output: 'value', kind: 'line', color, lineWidth: 2 }];
  }
}

/** Seconds, as lightweight-charts keys bars (matches chartTime in candle-bars.ts). */
function secs(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

/** Warm-up (NaN) values are left out: the line starts where the indicator does. */
export function toLineData(time: Float64Array, values: Float64Array): LineData<UTCTimestamp>[] {
  const data: LineData<UTCTimestamp>[] = [];
  for (let i = 0; i < time.length; i++) if (!Number.isNaN(values[i])) data.push({ time: secs(time[i]!), value: values[i]! });
  return data;
}

const HIST_UP = 'rgba(38, 166, 154, 0.6)';
const HIST_DOWN = 'rgba(239, 83, 80, 0.6)';
const PROVISIONAL_HIST_UP = 'rgba(38, 166, 154, 0.25)';
const PROVISIONAL_HIST_DOWN = 'rgba(239, 83, 80, 0.25)';

/** Opacity of a forming candle's provisional value: visibly not final, still readable. */
const PROVISIONAL_ALPHA = 0.6;

/** `#rrggbb` at PROVISIONAL_ALPHA: the dotted segment to the forming candle's value. */
export function provisionalColor(color: string): string {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!hex) return color;
  const [r, g, b] = hex.slice(1).map((part) => parseInt(part, 16));
  return `rgba(${r}, ${g}, ${b}, ${PROVISIONAL_ALPHA})`;
}

export function toHistogramPoint(time: number, value: number, provisional = false): HistogramData<UTCTimestamp> {
  const color = value >= 0 ? (provisional ? PROVISIONAL_HIST_UP : HIST_UP) : provisional ? PROVISIONAL_HIST_DOWN : HIST_DOWN;
  return { time: secs(time), value, color };
}

export function toLinePoint(time: number, value: number): LineData<UTCTimestamp> {
  return { time: secs(time), value };
}

export function toHistogramData(time: Float64Array, values: Float64Array): HistogramData<UTCTimestamp>[] {
  const data: HistogramData<UTCTimestamp>[] = [];
  for (let i = 0; i < time.length; i++) if (!Number.isNaN(values[i])) data.push(toHistogramPoint(time[i]!, values[i]!));
  return data;
}

