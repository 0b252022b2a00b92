import { useContext, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type { PaneStretch } from '../../shared/layouts/index.ts';
import type { Interval } from '../../shared/market/index.ts';
import { browserCandleCache } from '../cache/browser-candle-cache.ts';
import { loadCandles } from '../cache/load-candles.ts';
import { ChartContext, useChartApi } from '../chart/chart-context.tsx';
import { useKlineStream } from '../market/stream-hooks.ts';
import type { IndicatorInstance } from './indicator-set.ts';
import { IndicatorLayerController, type InstanceStatus } from './indicator-layer-controller.ts';
import { indicatorWorker } from './indicator-worker-client.ts';
import { LookbackCandles } from './lookback-candles.ts';

/** Draws the user's indicators on the surrounding <ChartWorkspace> and keeps them live. */
export function useIndicatorLayer(
  symbol: string,
  interval: Interval,
  items: readonly IndicatorInstance[],
  paneStretch: PaneStretch | null,
  onPanesResized: (stretch: PaneStretch) => void,
): { statuses: ReadonlyMap<string, InstanceStatus>; paneCount: number } {
  const chart = useContext(ChartContext);
  if (!chart) throw new Error('useIndicatorLayer must be used inside <ChartWorkspace>');
  const api = useChartApi();
  const [layer] = useState(
    () =>
      new IndicatorLayerController(
        indicatorWorker(),
        () => chart.getCandles(),
        new LookbackCandles((...range) => loadCandles(browserCandleCache(), ...range)),
      ),
  );

  useEffect(() => {
    layer.attach(api?.chart ?? null);
  }, [layer, api]);
  useEffect(() => layer.setMarket(symbol, interval), [layer, symbol, interval]);
  useEffect(() => layer.setInstances(items), [layer, items]);
  useEffect(() => layer.setPaneStretch(paneStretch), [layer, paneStretch]);

  // lightweight-charts reports no divider drags; the sizes are read once the pointer is released.
  const onRelease = useEffectEvent(() => {
    const resized = layer.resizedPanes();
    if (resized !== null) onPanesResized(resized);
  });
  useEffect(() => {
    if (api === null) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the chart's own handlers have applied the drag's last move.
    const listener = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onRelease(), 0);
    };
    // On the window: a divider may be released outside the chart.
    window.addEventListener('pointerup', listener);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerup', listener);
    };
  }, [api]);
  useEffect(() => chart.onHistoryChanged(() => layer.historyChanged()), [layer, chart]);
  useEffect(() => () => layer.dispose(), [layer]);

  // A closed candle moves an indicator; the forming one is previewed as provisional.
  useKlineStream(symbol, interval, (event) => {
    if (event.closed) layer.onClosedCandle(event.candle);
    else layer.onFormingCandle(event.candle);
  });

  const statuses = useSyncExternalStore(layer.subscribe, layer.statuses);
  return { statuses, paneCount: api ? layer.paneCount() : 0 };
}
