import { useContext, useEffect, useState } from 'react';
import { MismatchDirection, type IChartApi, type MouseEventParams, type Time } from 'lightweight-charts';
import type { Candle } from '../../shared/market/index.ts';
import { ChartContext, useChartApi } from './chart-context.tsx';
import { candleIndexAt, candleLegend, type CandleLegend } from './legend/legend-model.ts';
import { formatPrice } from '../market/format.ts';
import { seriesLabel } from './legend/series-labels.ts';

interface PaneLegend {
  top: number;
  values: { label: string; value: string }[];
}

/** Live bars without hovering move the legend too; a calm refresh is enough for reading it. */
const IDLE_REFRESH_MS = 1000;

/** Every labelled series' value at a logical index, per pane, at each pane's top edge. */
function paneLegends(chart: IChartApi, logical: number, tickSize: string | undefined): PaneLegend[] {
  let top = 0;
  return chart.panes().map((pane, paneIndex) => {
    const values = new Map<string, string>();
    for (const series of pane.getSeries()) {
      const label = seriesLabel(series);
      if (label === undefined || values.get(label) !== undefined) continue;
      const item = series.dataByIndex(logical, MismatchDirection.None);
      if (item !== null && 'value' in item && Number.isFinite(item.value)) values.set(label, formatPrice(item.value, tickSize));
    }
    const legend = { top, values: [...values].map(([label, value]) => ({ label, value })) };
    // Panes are stacked with a 1px separator between them.
    top += pane.getHeight() + (paneIndex < chart.panes().length - 1 ? 1 : 0);
    return legend;
  });
}

/**
 * The crosshair legend: O/H/L/C/V and the change of the hovered candle, and each indicator's value
 * on its pane; the last candle when nothing is hovered. Prices use the instrument's tick size.
 */
export function CrosshairLegend({ tickSize }: { tickSize: string | undefined }) {
  const controller = useContext(ChartContext);
  const api = useChartApi();
  const [view, setView] = useState<LegendView | null>(null);

  useEffect(() => {
    if (api === null || controller === null) return;
    // Only a chart the controller still holds is read: a removed one is disposed and throws.
    const live = () => controller.getApi()?.chart === api.chart;
    let hovered: number | null = null;
    const update = () => {
      if (live()) setView(legendView(api.chart, controller.getCandles(), hovered, tickSize));
    };
    const onMove = (param: MouseEventParams<Time>) => {
      hovered = typeof param.time === 'number' ? param.time : null;
      update();
    };
    api.chart.subscribeCrosshairMove(onMove);
    update();
    const timer = setInterval(update, IDLE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      if (live()) api.chart.unsubscribeCrosshairMove(onMove);
    };
  }, [api, controller, tickSize]);

  if (view === null) return null;
  return (
    <div className="chart-legend" data-testid="chart-legend" data-hovered={view.hovered} data-open-time={view.openTime}>
      {view.panes.map((pane, paneIndex) => (
        <div key={paneIndex} className="legend-pane" style={{ top: pane.top }} data-testid={`legend-pane-${paneIndex}`}>
          {paneIndex === 0 && <CandleValues candle={view.candle} />}
          {pane.values.map(({ label, value }) => (
            <span key={label} className="legend-value" data-testid="legend-indicator" data-label={label} data-value={value}>
              {label} <b>{value}</b>
            </span>
          ))}
        </div>
      ))}
    </div>
  );
}

interface LegendView {
  hovered: boolean;
  openTime: number;
  candle: CandleLegend;
  panes: PaneLegend[];
}

function legendView(chart: IChartApi, candles: readonly Candle[], hovered: number | null, tickSize: string | undefined): LegendView | null {
  const index = hovered === null ? candles.length - 1 : candleIndexAt(candles, hovered * 1000);
  const candle = candleLegend(candles, index, tickSize);
  if (candle === null) return null;
  return { hovered: hovered !== null, openTime: candles[index]!.openTime, candle, panes: paneLegends(chart, index, tickSize) };
}

function CandleValues({ candle }: { candle: CandleLegend }) {
  const fields = [
    ['O', candle.open],
    ['H', candle.high],
    ['L', candle.low],
    ['C', candle.close],
    ['V', candle.volume],
  ] as const;
  return (
    <span className={`legend-candle ${candle.direction}`}>
      {fields.map(([name, value]) => (
        <span key={name} className="legend-value" data-field={name} data-value={value}>
          {name} <b>{value}</b>
        </span>
      ))}
      <span className="legend-value" data-field="change" data-value={`${candle.change} (${candle.changePct})`}>
        <b>
          {candle.change} ({candle.changePct})
        </b>
      </span>
    </span>
  );
}
