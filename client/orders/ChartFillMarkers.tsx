import { useEffect, useMemo, useState } from 'react';
import type { Interval } from '../../shared/market/index.ts';
import { useChartApi } from '../chart/chart-context.tsx';
import { clearTradeMarkers, setTradeMarkers } from '../chart/primitives/trade-markers.ts';
import { fillMarkers } from './fill-markers.ts';
import { useClosedOrderFills, useClosedOrders } from './orders-queries.ts';
import './orders.css';

const LAYER = 'fills';

/**
 * The order fills of the chart's symbol as buy/sell arrows on the main chart, beside a run's
 * trade markers (their own layer), with a toggle; refreshed as the orders panel polls.
 */
export function ChartFillMarkers({ symbol, interval }: { symbol: string; interval: Interval }) {
  const api = useChartApi();
  const [shown, setShown] = useState(true);
  const closed = useClosedOrders();
  const details = useClosedOrderFills(closed.data ?? []);
  const fills = details.flatMap((d) => d.data?.fills ?? []);
  const key = fills.map((f) => f.execId).join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the exec ids say when the fills changed; the array is new every render.
  const markers = useMemo(() => fillMarkers(fills, symbol, interval), [key, symbol, interval]);

  useEffect(() => {
    if (api === null || !shown) return;
    setTradeMarkers(api.candleSeries, markers, LAYER).applyOptions?.({ zOrder: 'top' });
    return () => clearTradeMarkers(api.candleSeries, LAYER);
  }, [api, markers, shown]);

  return (
    <button type="button" className="chart-fills-toggle" aria-pressed={shown} onClick={() => setShown((s) => !s)} data-testid="chart-fills-toggle" data-fill-markers={shown ? markers.length : 0}>
      {shown ? `Fills ${markers.length} ✓` : 'Fills hidden'}
    </button>
  );
}
