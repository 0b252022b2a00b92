import { useContext, useEffect, useState, useSyncExternalStore } from 'react';
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
