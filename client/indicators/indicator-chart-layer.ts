import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type IPaneApi, type ISeriesApi, type Time } from 'lightweight-charts';
import type { IndicatorSeries } from '../../shared/indicators/index.ts';
import type { PaneStretch } from '../../shared/layouts/index.ts';
import { CHART_COLORS } from '../chart/chart-theme.ts';
import { rangePriceFormat } from '../chart/price-format.ts';
import { labelSeries } from '../chart/legend/series-labels.ts';
import { instanceLabel, isPricePane, type IndicatorInstance } from './indicator-set.ts';
import { resolveStretch, stretchDiffers } from './pane-stretch.ts';
import {
  plotsFor,
  provisionalColor,
  toHistogramData,
  toHistogramPoint,
  toLineData,
  toLinePoint,
  type Plot,
} from './indicator-plots.ts';


/**
 * Each output is two series: `series` holds final values of closed candles only (so it is only
 * ever appended to, in order), `provisional` holds the forming candle's value — for a line, a
 * dotted, lighter segment from the last final value to a dot; for a histogram, a fainter bar.
 */
type PlotSeries =
  | { plot: Plot; kind: 'line'; series: ISeriesApi<'Line'>; provisional: ISeriesApi<'Line'> }
  | { plot: Plot; kind: 'histogram'; series: ISeriesApi<'Histogram'>; provisional: ISeriesApi<'Histogram'> };

interface Mounted {
  name: string;
  plots: PlotSeries[];
  /** Newest closed candle drawn. */
  lastTime: number;
  /** Last final value per output (the provisional segment starts there). */
  lastValues: Record<string, number>;
  /** Forming candle drawn as provisional, with its values, or null. */
  provisional: { time: number; values: Record<string, number> } | null;
}

function lastFinite(data: IndicatorSeries): Record<string, number> {
  const last: Record<string, number> = {};
  for (const output of data.outputs) {
    const column = data.values[output]!;
    const i = column.findLastIndex((v) => !Number.isNaN(v));
    if (i >= 0) last[output] = column[i]!;
  }
  return last;
}

/**
 * The lightweight-charts side of indicators: overlays on the price pane, one pane of its own for
 * each oscillator (RSI, MACD, ATR). A removed series empties its pane, which the chart then drops.
 */
export class IndicatorChartLayer {
  private readonly mounted = new Map<string, Mounted>();
  /** Pane sizes from the layout; panes mounted later take theirs from here. */
  private stretch: PaneStretch | null = null;

  constructor(private readonly chart: IChartApi) {
    // Only indicator panes create separators; keep them in the chart's border colour.
    chart.applyOptions({ layout: { panes: { separatorColor: CHART_COLORS.border, separatorHoverColor: 'rgba(139, 147, 167, 0.25)' } } });
  }

  show(instance: IndicatorInstance, data: IndicatorSeries): void {
    const current = this.mounted.get(instance.id);
    if (current && current.name === instance.spec.name) return this.refill(current, instance, data);
    this.remove(instance.id);
    const paneIndex = isPricePane(instance.spec) ? 0 : this.chart.panes().length;
    const plots = plotsFor(instance.spec, instance.color).map((plot): PlotSeries => {
      const column = data.values[plot.output] ?? new Float64Array(data.time.length).fill(NaN);
      if (plot.kind === 'histogram') {
        const options = { priceLineVisible: false, lastValueVisible: false };
        const series = this.chart.addSeries(HistogramSeries, options, paneIndex);
        series.setData(toHistogramData(data.time, column));
        return { plot, kind: 'histogram', series, provisional: this.chart.addSeries(HistogramSeries, options, paneIndex) };
      }
      const series = this.chart.addSeries(
        LineSeries,
        {
          color: plot.color,
          lineWidth: plot.lineWidth,
          lineStyle: instance.spec.name === 'bb' && plot.output !== 'middle' ? LineStyle.Dashed : LineStyle.Solid,
          priceLineVisible: false,
          lastValueVisible: paneIndex !== 0,
          crosshairMarkerVisible: false,
        },
        paneIndex,
      );
      series.setData(toLineData(data.time, column));
      for (const price of plot.guides ?? []) {
        series.createPriceLine({ price, color: '#3a4256', lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: false, title: '' });
      }
      const provisional = this.chart.addSeries(
        LineSeries,
        {
          color: provisionalColor(plot.color),
          lineWidth: plot.lineWidth,
          lineStyle: LineStyle.Dotted,
          pointMarkersVisible: true,
          pointMarkersRadius: 3,
          priceLineVisible: false,
          lastValueVisible: false,
          crosshairMarkerVisible: false,
        },
        paneIndex,
      );
      return { plot, kind: 'line', series, provisional };
    });
    // The legend names each line; a provisional twin shares its final series' name.
    for (const { plot, series, provisional } of plots) {
      const label = plots.length > 1 ? `${instanceLabel(instance.spec)} ${plot.output}` : instanceLabel(instance.spec);
      labelSeries(series, label);
      labelSeries(provisional, label);
    }
    if (paneIndex !== 0) this.chart.panes()[paneIndex]?.setStretchFactor(resolveStretch(this.stretch, [instance.id]).indicators[instance.id]!);
    this.fitDecimals(instance, plots, data);
    this.mounted.set(instance.id, {
      name: instance.spec.name,
      plots,
      lastTime: data.time.at(-1) ?? -Infinity,
      lastValues: lastFinite(data),
      provisional: null,
    });
  }

  /**
   * New values for series already on the chart (longer history, other parameters or colour):
   * refilled in place so the instance keeps its pane and the panes keep their order.
   */
  private refill(entry: Mounted, instance: IndicatorInstance, data: IndicatorSeries): void {
    const plots = plotsFor(instance.spec, instance.color);
    entry.plots.forEach((mounted, k) => {
      const plot = plots[k] ?? mounted.plot;
      mounted.plot = plot;
      const column = data.values[plot.output] ?? new Float64Array(data.time.length).fill(NaN);
      mounted.provisional.setData([]);
      if (mounted.kind === 'histogram') return mounted.series.setData(toHistogramData(data.time, column));
      mounted.series.applyOptions({ color: plot.color });
      mounted.provisional.applyOptions({ color: provisionalColor(plot.color) });
      mounted.series.setData(toLineData(data.time, column));
    });
    this.fitDecimals(instance, entry.plots, data);
    entry.lastTime = data.time.at(-1) ?? -Infinity;
    entry.lastValues = lastFinite(data);
    entry.provisional = null;
  }

  /** An oscillator pane's axis gets the decimals its values need (MACD on XRPETH is ~1e-6). */
  private fitDecimals(instance: IndicatorInstance, plots: readonly PlotSeries[], data: IndicatorSeries): void {
    if (isPricePane(instance.spec)) return;
    const priceFormat = rangePriceFormat(plots.map(({ plot }) => data.values[plot.output] ?? []));
    for (const { series, provisional } of plots) {
      series.applyOptions({ priceFormat });
      provisional.applyOptions({ priceFormat });
    }
  }

  /**
   * Adds one closed candle's final values, taking its provisional ones off; returns false when the
   * series is not shown or the candle is not newer than the last closed one drawn.
   */
  append(id: string, time: number, values: Record<string, number>): boolean {
    const entry = this.mounted.get(id);
    if (!entry || time <= entry.lastTime) return false;
    entry.lastTime = time;
    for (const entryPlot of entry.plots) {
      const value = values[entryPlot.plot.output];
      if (value === undefined || Number.isNaN(value)) continue;
      entry.lastValues[entryPlot.plot.output] = value;
      if (entryPlot.kind === 'histogram') entryPlot.series.update(toHistogramPoint(time, value));
      else entryPlot.series.update(toLinePoint(time, value));
    }
    const pending = entry.provisional;
    entry.provisional = null;
    // The next candle's preview can overtake this close (its answer waits for IndexedDB): redrawn
    // from the new last value.
    if (pending && pending.time > time) this.showProvisional(id, pending.time, pending.values);
    else this.drawProvisional(entry);
    return true;
  }

  /**
   * Draws the forming candle's provisional values; the next call or the candle's `append`
   * replaces them. Returns false when not shown or not after the last closed candle.
   */
  showProvisional(id: string, time: number, values: Record<string, number>): boolean {
    const entry = this.mounted.get(id);
    if (!entry || time <= entry.lastTime) return false;
    entry.provisional = { time, values };
    this.drawProvisional(entry);
    return true;
  }

  private drawProvisional(entry: Mounted): void {
    for (const entryPlot of entry.plots) {
      const value = entry.provisional?.values[entryPlot.plot.output];
      if (!entry.provisional || value === undefined || Number.isNaN(value)) {
        entryPlot.provisional.setData([]);
        continue;
      }
      const { time } = entry.provisional;
      if (entryPlot.kind === 'histogram') {
        entryPlot.provisional.setData([toHistogramPoint(time, value, true)]);
        continue;
      }
      const from = entry.lastValues[entryPlot.plot.output];
      const segment = from === undefined ? [] : [toLinePoint(entry.lastTime, from)];
      entryPlot.provisional.setData([...segment, toLinePoint(time, value)]);
    }
  }

  remove(id: string): void {
    const entry = this.mounted.get(id);
    if (!entry) return;
    for (const { series, provisional } of entry.plots) {
      this.chart.removeSeries(series);
      this.chart.removeSeries(provisional);
    }
    this.mounted.delete(id);
  }

  clear(): void {
    for (const id of [...this.mounted.keys()]) this.remove(id);
  }

  paneCount(): number {
    return this.chart.panes().length;
  }

  /** Sizes the panes as the layout says (null: the standard sizes). */
  setPaneStretch(stretch: PaneStretch | null): void {
    this.stretch = stretch;
    const panes = this.ownPanes();
    const sizes = resolveStretch(stretch, [...panes.keys()]);
    this.chart.panes()[0]?.setStretchFactor(sizes.price);
    for (const [id, pane] of panes) pane.setStretchFactor(sizes.indicators[id]!);
  }

  /** The panes' sizes when a divider was dragged away from the layout's, else null. */
  resizedPanes(): PaneStretch | null {
    const panes = this.ownPanes();
    const current: PaneStretch = {
      price: this.chart.panes()[0]?.getStretchFactor() ?? 1,
      indicators: Object.fromEntries([...panes].map(([id, pane]) => [id, pane.getStretchFactor()])),
    };
    return stretchDiffers(resolveStretch(this.stretch, [...panes.keys()]), current) ? current : null;
  }

  /** Each oscillator's own pane, by instance id. */
  private ownPanes(): Map<string, IPaneApi<Time>> {
    const panes = new Map<string, IPaneApi<Time>>();
    for (const [id, entry] of this.mounted) {
      const pane = entry.plots[0]?.series.getPane();
      if (pane !== undefined && pane.paneIndex() !== 0) panes.set(id, pane);
    }
    return panes;
  }

  /** Closed-candle values drawn for the instance's first output (warm-up and provisional excluded). */
  pointsOf(id: string): number {
    return this.mounted.get(id)?.plots[0]?.series.data().length ?? 0;
  }

  /** Open time of the forming candle drawn as provisional, or null. */
  provisionalOf(id: string): number | null {
    return this.mounted.get(id)?.provisional?.time ?? null;
  }

  /** Pane the instance is drawn in (0 = price), or null when not shown. */
  paneOf(id: string): number | null {
    return this.mounted.get(id)?.plots[0]?.series.getPane().paneIndex() ?? null;
  }
}
