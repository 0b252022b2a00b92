import { MismatchDirection, type IChartApiBase, type ISeriesApi, type Logical, type SeriesType, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { DrawingPoint } from '../../../shared/drawings/index.ts';
import type { PixelPoint } from './pixel-geometry.ts';
import { timeToLogical, type IndexedBar } from './time-to-logical.ts';

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

export function chartProjection(chart: IChartApiBase<Time>, series: AnySeries): ChartProjection {
  const timeScale = chart.timeScale();
  return {
    paneWidth: timeScale.width(),
    priceToY: (price) => series.priceToCoordinate(price),
    timeToX(time) {
      const index = timeScale.timeToIndex(time as UTCTimestamp, true);
      if (index === null) return null;
      const nearest = barAt(series, index);
      if (nearest === null) return null;
      const step = time > nearest.time ? 1 : -1;
      const neighbour = barAt(series, index + step) ?? barAt(series, index - step);
      return timeScale.logicalToCoordinate(timeToLogical(time, nearest, neighbour) as Logical);
    },
  };
}
