import {
  MismatchDirection,
  type IChartApiBase,
  type ISeriesApi,
  type ITimeScaleApi,
  type Logical,
  type SeriesType,
  type Time,
  type UTCTimestamp,
} from 'lightweight-charts';
import type { DrawingPoint } from '../../../shared/drawings/index.ts';
import type { PixelPoint } from './pixel-geometry.ts';
import { logicalToX, timeToLogical, type BarBracket, type IndexedBar } from './time-to-logical.ts';

/** Converts chart-space values (UTC seconds, price) to pane pixels at the current viewport. */
export interface ChartProjection {
  timeToX(time: number): number | null;
  priceToY(price: number): number | null;
  paneWidth: number;
}

/** A drawing's anchor in pixels, or null while it is off the loaded bars or price scale. */
export function projectPoint({ timeToX, priceToY }: ChartProjection, point: DrawingPoint | undefined): PixelPoint | null {
  if (point === undefined) return null;
  const x = timeToX(point.time);
  const y = priceToY(point.price);
  return x === null || y === null ? null : { x, y };
}

type AnySeries = ISeriesApi<SeriesType, Time>;

function barAt(series: AnySeries, index: number): IndexedBar | null {
  const item = series.dataByIndex(index, MismatchDirection.None);
  return item === null || typeof item.time !== 'number' ? null : { index, time: item.time };
}

/** The series bars either side of `time` (see BarBracket). */
function bracket(timeScale: ITimeScaleApi<Time>, series: AnySeries, time: number): BarBracket {
  // With findNearest the chart answers the first bar at or after `time`, or the last bar.
  const index = timeScale.timeToIndex(time as UTCTimestamp, true);
  const bar = index === null ? null : barAt(series, index);
  if (index === null || bar === null) return { before: null, after: null };
  if (bar.time === time) return { before: bar, after: bar };
  return bar.time < time ? { before: bar, after: null } : { before: barAt(series, index - 1), after: bar };
}

/** `barSeconds` is the shown interval, which places anchors beyond the first or last bar. */
export function chartProjection(chart: IChartApiBase<Time>, series: AnySeries, barSeconds: number): ChartProjection {
  const timeScale = chart.timeScale();
  return {
    paneWidth: timeScale.width(),
    priceToY: (price) => series.priceToCoordinate(price),
    timeToX(time) {
      const logical = timeToLogical(time, bracket(timeScale, series, time), barSeconds);
      return logical === null ? null : logicalToX(logical, (index) => timeScale.logicalToCoordinate(index as Logical));
    },
  };
}
