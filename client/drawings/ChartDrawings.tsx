import { useChartApi } from '../chart/chart-context.tsx';
import type { Interval } from '../../shared/market/index.ts';
import { DrawingToolbar } from './DrawingToolbar.tsx';

/** Drawing toolbar bound to the surrounding <ChartWorkspace>; renders nothing until the chart exists. */
export function ChartDrawings({ symbol, interval }: { symbol: string; interval: Interval }) {
  const api = useChartApi();
  if (api === null) return null;
  return <DrawingToolbar chart={api.chart} series={api.candleSeries} volumeSeries={api.volumeSeries} symbol={symbol} interval={interval} />;
}
