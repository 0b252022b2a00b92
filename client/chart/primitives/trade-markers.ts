import { createSeriesMarkers, type ISeriesApi, type ISeriesMarkersPluginApi, type SeriesMarker, type SeriesType, type Time, type UTCTimestamp } from 'lightweight-charts';
import { TradeMarkerSchema, type TradeMarker } from '../../../shared/drawings/index.ts';
import { CHART_COLORS } from '../chart-theme.ts';

/**
 * Entry/exit markers pinned to the fill price (not the bar's high/low), so a backtest fill or an
 * order execution is shown exactly where it happened. Sorted by time as the chart requires.
 */
export function tradesToMarkers(trades: readonly TradeMarker[]): SeriesMarker<Time>[] {
  return [...trades]
    .sort((a, b) => a.time - b.time)
    .map((trade) => ({
      time: trade.time as UTCTimestamp,
      price: trade.price,
      // A buy arrow sits under its price pointing up at it; a sell arrow sits above pointing down.
      position: trade.side === 'buy' ? 'atPriceBottom' : 'atPriceTop',
      shape: trade.side === 'buy' ? 'arrowUp' : 'arrowDown',
      color: trade.side === 'buy' ? CHART_COLORS.up : CHART_COLORS.down,
      text: trade.label ?? (trade.side === 'buy' ? 'B' : 'S'),
      ...(trade.id === undefined ? {} : { id: trade.id }),
    }));
}

const pluginBySeries = new WeakMap<ISeriesApi<SeriesType, Time>, ISeriesMarkersPluginApi<Time>>();
/** A series has one markers plugin, so each source (a run's trades, the order fills) is a layer of it, shown together. */
const layersBySeries = new WeakMap<ISeriesApi<SeriesType, Time>, Map<string, TradeMarker[]>>();

/**
 * Replaces one layer's trade markers on a series (an empty list clears it), keeping the other
 * layers'. Validates every trade and throws a ZodError naming the bad one, since trades come
 * from backtests and orders.
 */
export function setTradeMarkers(series: ISeriesApi<SeriesType, Time>, trades: readonly unknown[], layer = 'trades'): ISeriesMarkersPluginApi<Time> {
  const valid = trades.map((trade) => TradeMarkerSchema.parse(trade));
  const layers = layersBySeries.get(series) ?? new Map<string, TradeMarker[]>();
  layersBySeries.set(series, layers.set(layer, valid));
  const markers = tradesToMarkers([...layers.values()].flat());
  let plugin = pluginBySeries.get(series);
  if (plugin === undefined) {
    plugin = createSeriesMarkers(series, markers);
    pluginBySeries.set(series, plugin);
  } else {
    plugin.setMarkers(markers);
  }
  return plugin;
}

/** Removes one layer's markers; the plugin leaves the series with the last layer. */
export function clearTradeMarkers(series: ISeriesApi<SeriesType, Time>, layer = 'trades'): void {
  const layers = layersBySeries.get(series);
  layers?.delete(layer);
  if (layers !== undefined && layers.size > 0) {
    pluginBySeries.get(series)?.setMarkers(tradesToMarkers([...layers.values()].flat()));
    return;
  }
  pluginBySeries.get(series)?.detach();
  pluginBySeries.delete(series);
  layersBySeries.delete(series);
}
