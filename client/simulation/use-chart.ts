import { ColorType, createChart, type IChartApi } from 'lightweight-charts';
import { useEffect, useRef, useState } from 'react';
import { removeAfterLayers } from '../chart/remove-after-layers.ts';

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
      removeAfterLayers(created);
    };
  }, [height]);
  return { ref, chart };
}
