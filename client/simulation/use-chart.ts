import { createChart, type IChartApi, type ISeriesApi, type SeriesType } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { CHART_THEME } from '../chart/chart-theme.ts';

/** A lightweight-charts instance bound to a div, in the app's chart theme, removed on unmount. */
export function useChart(height: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [chart, setChart] = useState<IChartApi | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const created = createChart(el, { ...CHART_THEME, autoSize: true, height });
    setChart(created);
    return () => {
      setChart(null);
      removed.add(created);
      created.remove();
    };
  }, [height]);
  return { ref, chart };
}

const removed = new WeakSet<IChartApi>();

/**
 * On unmount React runs this hook's cleanup (which removes the chart) before the series effects'
 * cleanups, and lightweight-charts throws when a series is removed from a removed chart.
 */
export function removeSeries(chart: IChartApi, series: ISeriesApi<SeriesType>): void {
  if (!removed.has(chart)) chart.removeSeries(series);
}
