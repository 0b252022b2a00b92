import type { ISeriesApi, SeriesType, Time } from 'lightweight-charts';

/**
 * What the crosshair legend calls a series that another layer (indicators) added to the chart.
 * lightweight-charts' own `title` would also print on the price scale, so the name lives here.
 */
const labels = new WeakMap<ISeriesApi<SeriesType, Time>, string>();

export function labelSeries(series: ISeriesApi<SeriesType, Time>, label: string): void {
  labels.set(series, label);
}

export function seriesLabel(series: ISeriesApi<SeriesType, Time>): string | undefined {
  return labels.get(series);
}
