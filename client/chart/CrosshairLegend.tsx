import { useContext, useEffect, useState } from 'react';
import { MismatchDirection, type IChartApi, type MouseEventParams, type Time } from 'lightweight-charts';
import { ChartContext, useChartApi } from './chart-context.tsx';
import { candleIndexAt, candleLegend, type CandleLegend } from './legend/legend-model.ts';
import { seriesLabel } from './legend/series-labels.ts';
import { formatByTick } from './legend/tick-format.ts';

interface PaneLegend {
  top: number;
  values: { label: string; value: string }[];
}

/** Live bars without hovering move the legend too; a calm refresh is enough for reading it. */
const IDLE_REFRESH_MS = 1000;

/** Every labelled series' value at a logical index, per pane, at each pane's top edge. */
function paneLegends(chart: IChartApi, logical: number, tickSize: string): PaneLegend[] {
  let top = 0;
  return chart.panes().map((pane, paneIndex) => {
    const values = new Map<string, string>();
    for (const series of pane.getSeries()) {
      const label = seriesLabel(series);
      if (label === undefined || values.get(label) !== undefined) continue;
      const item = series.dataByIndex(logical, MismatchDirection.None);
      if (item !== null && 'value' in item && Number.isFinite(item.value)) values.set(label, formatByTick(item.value, tickSize));
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
export function CrosshairLegend({ tickSize }: { tickSize: string }) {
  const controller = useContext(ChartContext);
  const api = useChartApi();
  const [hovered, setHovered] = useState<number | null>(null);
  const [, setRefresh] = useState(0);

  useEffect(() => {
    if (api === null) return;
    const onMove = (param: MouseEventParams<Time>) => setHovered(typeof param.time === 'number' ? param.time : null);
    api.chart.subscribeCrosshairMove(onMove);
    const timer = setInterval(() => setRefresh((n) => n + 1), IDLE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      api.chart.unsubscribeCrosshairMove(onMove);
    };
  }, [api]);

  if (controller === null || api === null) return null;
  const candles = controller.getCandles();
  const index = hovered === null ? candles.length - 1 : candleIndexAt(candles, hovered * 1000);
  const candle = candleLegend(candles, index, tickSize);
  if (candle === null) return null;
  const panes = paneLegends(api.chart, index, tickSize);
  return (
    <div className="chart-legend" data-testid="chart-legend" data-hovered={hovered !== null} data-open-time={candles[index]!.openTime}>
      {panes.map((pane, paneIndex) => (
        <div key={paneIndex} className="legend-pane" style={{ top: pane.top }} data-testid={`legend-pane-${paneIndex}`}>
          {paneIndex === 0 && <CandleValues candle={candle} />}
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
