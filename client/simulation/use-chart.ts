import { ColorType, createChart, type IChartApi, type ISeriesApi, type SeriesType } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';

/** A lightweight-charts instance bound to a div, styled like the main chart, removed on unmount. */
export function useChart(height: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [chart, setChart] = useState<IChartApi | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const created = createChart(el, {
      autoSize: true,
      height,
      layout: { background: { type: ColorType.Solid, color: '#0f1320' }, textColor: '#8b93a7', attributionLogo: false },
      grid: { vertLines: { color: '#1b2132' }, horzLines: { color: '#1b2132' } },
      rightPriceScale: { borderColor: '#262d40' },
      timeScale: { borderColor: '#262d40', timeVisible: true, secondsVisible: false },
    });
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
