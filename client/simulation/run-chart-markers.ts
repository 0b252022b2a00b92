import type { TradeMarker } from '../../shared/drawings/index.ts';
import type { DatasetRange } from '../../shared/backtest/index.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import type { StoredRun } from './simulation-db.ts';
import { tradeMarkersOf } from './result-view.ts';

export type RunChartMarkers =
  | { kind: 'markers'; markers: TradeMarker[] }
  /** The run was on another market; its trades mean nothing on this chart. */
  | { kind: 'other-chart'; symbol: string; interval: Interval }
  /** Saved before runs kept their trades. */
  | { kind: 'no-trades' };

/** What the chart at `symbol`/`interval` should mark for a stored run. */
export function runChartMarkers(run: StoredRun, symbol: string, interval: Interval): RunChartMarkers {
  if (run.run.symbol !== symbol || run.run.interval !== interval) return { kind: 'other-chart', symbol: run.run.symbol, interval: run.run.interval };
  if (run.trades === undefined) return { kind: 'no-trades' };
  return { kind: 'markers', markers: tradeMarkersOf(run.trades) };
}

/**
 * Markers whose bar lies within the loaded candles (UTC seconds, inclusive). lightweight-charts
 * snaps a marker outside the data to the first or last bar, which would pile old fills onto the
 * oldest loaded candle; they appear once paging back loads their bars.
 */
export function markersWithin(markers: readonly TradeMarker[], firstTime: number, lastTime: number): TradeMarker[] {
  return markers.filter((m) => m.time >= firstTime && m.time <= lastTime);
}

/** "3f1c2a9e" from a UUID: enough to tell runs apart in a chip. */
export function shortRunId(runId: string): string {
  return runId.slice(0, 8);
}

/** Bars shown either side of a run when the chart jumps to it: a twentieth of its length, at least 10. */
const FOCUS_MARGIN_SHARE = 0.05;
const MIN_FOCUS_MARGIN_BARS = 10;

/**
 * Where the chart goes for "Show on chart": the run's candles with a margin either side, as the
 * first open time to load (ms) and the visible time range (UTC seconds, the chart's unit).
 */
export function runFocusRange(dataset: DatasetRange, interval: Interval): { loadFrom: number; visible: { from: number; to: number } } {
  const step = INTERVAL_MS[interval];
  const margin = Math.max(MIN_FOCUS_MARGIN_BARS, Math.ceil(dataset.candles * FOCUS_MARGIN_SHARE)) * step;
  const loadFrom = dataset.from - margin;
  return { loadFrom, visible: { from: Math.floor(loadFrom / 1000), to: Math.floor((dataset.to + margin) / 1000) } };
}
