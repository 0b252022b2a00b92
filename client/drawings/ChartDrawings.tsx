import type { Interval } from '../../shared/market/index.ts';
import { useChartApi } from '../chart/chart-context.tsx';
import type { ChartLayoutState } from '../layouts/use-chart-layout.ts';
import { DrawingToolbar } from './DrawingToolbar.tsx';

/** Drawing toolbar bound to the surrounding <ChartWorkspace>; renders nothing until the chart exists. */
export function ChartDrawings({ symbol, interval, layout }: { symbol: string; interval: Interval; layout: ChartLayoutState }) {
  const api = useChartApi();
  if (api === null) return null;
  return (
    <DrawingToolbar
      chart={api.chart}
      series={api.candleSeries}
      volumeSeries={api.volumeSeries}
      symbol={symbol}
      interval={interval}
      volumeProfile={layout.layout.volumeProfile}
      onVolumeProfileChange={(on) => layout.change({ volumeProfile: on })}
    />
  );
}
