import type { Interval } from '../../shared/market/index.ts';
import type { ChartLayoutState } from '../layouts/use-chart-layout.ts';
import { IndicatorPanel } from './IndicatorPanel.tsx';
import './indicators.css';
import { useIndicatorLayer } from './use-indicator-layer.ts';

/** Indicator overlays, panes and their panel; mounted inside <ChartWorkspace>, kept in its layout. */
export function ChartIndicators({ symbol, interval, layout }: { symbol: string; interval: Interval; layout: ChartLayoutState }) {
  const items = layout.layout.indicators;
  const { statuses, paneCount } = useIndicatorLayer(symbol, interval, items, layout.layout.paneStretch, (paneStretch) =>
    layout.change({ paneStretch }),
  );
  if (!layout.loaded) return null;
  return (
    <IndicatorPanel items={items} statuses={statuses} paneCount={paneCount} problem={layout.problem} onChange={(next) => layout.change({ indicators: next })} />
  );
}
