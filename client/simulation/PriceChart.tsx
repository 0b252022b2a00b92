import { CandlestickSeries } from 'lightweight-charts';
import { useEffect, useMemo } from 'react';
import type { Trade } from '../../shared/backtest/index.ts';
import type { Candle } from '../../shared/market/index.ts';
import { toCandlestickBar } from '../chart/candle-bars.ts';
import { CANDLESTICK_STYLE } from '../chart/chart-theme.ts';
import { setTradeMarkers } from '../chart/primitives/trade-markers.ts';
import { tradeMarkersOf } from './result-view.ts';
import { removeSeries, useChart } from './use-chart.ts';

/** The run's candles with an arrow at every entry and exit fill. */
export function PriceChart({ candles, trades }: { candles: readonly Candle[]; trades: readonly Trade[] }) {
  const { ref, chart } = useChart(340);
  const markers = useMemo(() => tradeMarkersOf(trades), [trades]);
  useEffect(() => {
    if (!chart) return;
    const series = chart.addSeries(CandlestickSeries, CANDLESTICK_STYLE);
    series.setData(candles.map(toCandlestickBar));
    setTradeMarkers(series, markers);
    chart.timeScale().fitContent();
    return () => removeSeries(chart, series);
  }, [chart, candles, markers]);
  return <div ref={ref} className="sim-chart" data-testid="sim-price-chart" data-marker-count={markers.length} data-candle-count={candles.length} />;
}
