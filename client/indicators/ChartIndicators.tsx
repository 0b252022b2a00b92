import type { Interval } from '../../shared/market/index.ts';
import { IndicatorPanel } from './IndicatorPanel.tsx';
import './indicators.css';
import { useIndicatorLayer } from './use-indicator-layer.ts';
import { useIndicatorSet } from './use-indicator-set.ts';

/** Indicator overlays, panes and their panel; mounted inside <ChartWorkspace>. */
export function ChartIndicators({ symbol, interval }: { symbol: string; interval: Interval }) {
  const set = useIndicatorSet();
  const { statuses, paneCount } = useIndicatorLayer(symbol, interval, set.items);
  if (!set.loaded) return null;
  return <IndicatorPanel items={set.items} statuses={statuses} paneCount={paneCount} problem={set.problem} onChange={set.change} />;
}
