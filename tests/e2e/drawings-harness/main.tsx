import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { useEffect, useRef, useState } from 'react';
import { CandlestickSeries, createChart, HistogramSeries, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { createQueryClient } from '../../../client/app/query-client.ts';
import { DrawingToolbar } from '../../../client/drawings/DrawingToolbar.tsx';
import { setTradeMarkers } from '../../../client/chart/primitives/trade-markers.ts';

// Deterministic 1m candles: a slow sine so every drawing lands on a known price area.
const START = 1717200000;
const candles = Array.from({ length: 200 }, (_, i) => {
  const mid = 100 + 10 * Math.sin(i / 15);
  return { time: (START + i * 60) as UTCTimestamp, open: mid - 0.5, close: mid + 0.5, high: mid + 1.5, low: mid - 1.5, volume: 10 + (i % 17) };
});

function Harness() {
  const ref = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<{ chart: IChartApi; series: ISeriesApi<'Candlestick'>; volume: ISeriesApi<'Histogram'> } | null>(null);
  useEffect(() => {
    const chart = createChart(ref.current!, { width: 900, height: 500, layout: { background: { color: '#0f1320' }, textColor: '#ccc' } });
    const series = chart.addSeries(CandlestickSeries);
    const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume' });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    series.setData(candles);
    volume.setData(candles.map((c) => ({ time: c.time, value: c.volume })));
    chart.timeScale().fitContent();
    Object.assign(window, { __harness: { chart, series, setTradeMarkers } });
    setApi({ chart, series, volume });
    return () => chart.remove();
  }, []);
  return (
    <div>
      {api && <DrawingToolbar chart={api.chart} series={api.series} volumeSeries={api.volume} symbol="BTCUSDT" />}
      <div ref={ref} data-testid="harness-chart" />
    </div>
  );
}

// The toolbar loads drawings through react-query, as in the app.
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={createQueryClient()}>
    <Harness />
  </QueryClientProvider>,
);
