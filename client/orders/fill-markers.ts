import type { TradeMarker } from '../../shared/drawings/index.ts';
import type { FillRecord } from '../../shared/execution/index.ts';
import { candleOpenTime, type Interval } from '../../shared/market/index.ts';

/** Pure: the chart symbol's fills as arrows on the bar they happened in, at their price. */
export function fillMarkers(fills: readonly FillRecord[], symbol: string, interval: Interval): TradeMarker[] {
  return fills
    .filter((f) => f.symbol === symbol)
    .map((f) => ({ time: candleOpenTime(Date.parse(f.at), interval) / 1000, side: f.side, price: Number(f.price), label: `${f.side === 'buy' ? 'B' : 'S'} ${f.qty}`, id: f.execId }));
}
