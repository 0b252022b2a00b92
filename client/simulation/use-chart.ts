import { createChart, type IChartApi, type LogicalRange } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { CHART_THEME } from '../chart/chart-theme.ts';
import { removeAfterLayers } from '../chart/remove-after-layers.ts';

/** A lightweight-charts instance bound to a div, in the app's chart theme, showing all its data, removed on unmount. */
export function useChart(height: number) {
  const ref = useRef<HTMLDivElement | null>(null);
  const [chart, setChart] = useState<IChartApi | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const created = createChart(el, {
      ...CHART_THEME,
      autoSize: true,
      height,
      // The default 0.5 px minimum bar spacing cannot fit a few thousand bars in a page width.
      timeScale: { ...CHART_THEME.timeScale, minBarSpacing: 0.01 },
    });
    // A run is read as a whole: the charts are sized by the layout after the data arrives, and a
    // fit at the old width would open zoomed on the end of the run, so every resize refits.
    const observer = new ResizeObserver(() => created.timeScale().fitContent());
    observer.observe(el);
    // e2e tests read which bars are in view from the element.
    const showRange = (range: LogicalRange | null) => {
      el.dataset.visibleFrom = range ? String(range.from) : '';
      el.dataset.visibleTo = range ? String(range.to) : '';
    };
    created.timeScale().subscribeVisibleLogicalRangeChange(showRange);
    setChart(created);
    return () => {
      observer.disconnect();
      created.timeScale().unsubscribeVisibleLogicalRangeChange(showRange);
      setChart(null);
      removeAfterLayers(created);
    };
  }, [height]);
  return { ref, chart };
}
