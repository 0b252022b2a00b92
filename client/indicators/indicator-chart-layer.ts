import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import type { IndicatorSeries } from '../../shared/indicators/index.ts';
import { rangePriceFormat } from '../chart/price-format.ts';
import { isPricePane, type IndicatorInstance } from './indicator-set.ts';
import { plotsFor, toHistogramData, toHistogramPoint, toLineData, type Plot } from './indicator-plots.ts';

/** Indicator panes share the height with the price pane at this weight (price pane = 1). */
const PANE_STRETCH = 0.35;

type PlotSeries = { plot: Plot; kind: 'line'; series: ISeriesApi<'Line'> } | { plot: Plot; kind: 'histogram'; series: ISeriesApi<'Histogram'> };

interface Mounted {
  name: string;
  plots: PlotSeries[];
  lastTime: number;
}

/**
 * The lightweight-charts side of indicators: overlays on the price pane, one pane of its own for
 * each oscillator (RSI, MACD, ATR). A removed series empties its pane, which the chart then drops.
 */
export class IndicatorChartLayer {
  private readonly mounted = new Map<string, Mounted>();

  constructor(private readonly chart: IChartApi) {
    // Only indicator panes create separators; keep them in the chart's border colour.
    chart.applyOptions({ layout: { panes: { separatorColor: '#262d40', separatorHoverColor: 'rgba(139, 147, 167, 0.25)' } } });
  }

  show(instance: IndicatorInstance, data: IndicatorSeries): void {
    const current = this.mounted.get(instance.id);
    if (current && current.name === instance.spec.name) return this.refill(current, instance, data);
    this.remove(instance.id);
    const paneIndex = isPricePane(instance.spec) ? 0 : this.chart.panes().length;
    const plots = plotsFor(instance.spec, instance.color).map((plot): PlotSeries => {
      const column = data.values[plot.output] ?? new Float64Array(data.time.length).fill(NaN);
      if (plot.kind === 'histogram') {
        const series = this.chart.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false }, paneIndex);
        series.setData(toHistogramData(data.time, column));
        return { plot, kind: 'histogram', series };
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
      return { plot, kind: 'line', series };
    });
    if (paneIndex !== 0) this.chart.panes()[paneIndex]?.setStretchFactor(PANE_STRETCH);
    this.fitDecimals(instance, plots, data);
    this.mounted.set(instance.id, { name: instance.spec.name, plots, lastTime: data.time.at(-1) ?? -Infinity });
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
      if (mounted.kind === 'histogram') return mounted.series.setData(toHistogramData(data.time, column));
      mounted.series.applyOptions({ color: plot.color });
      mounted.series.setData(toLineData(data.time, column));
    });
    this.fitDecimals(instance, entry.plots, data);
    entry.lastTime = data.time.at(-1) ?? -Infinity;
  }

  /** An oscillator pane's axis gets the decimals its values need (MACD on XRPETH is ~1e-6). */
  private fitDecimals(instance: IndicatorInstance, plots: readonly PlotSeries[], data: IndicatorSeries): void {
    if (isPricePane(instance.spec)) return;
    const priceFormat = rangePriceFormat(plots.map(({ plot }) => data.values[plot.output] ?? []));
    for (const { series } of plots) series.applyOptions({ priceFormat });
  }

  /** Adds one closed candle's values; returns false when the series is not shown (or the point is old). */
  append(id: string, time: number, values: Record<string, number>): boolean {
    const entry = this.mounted.get(id);
    if (!entry || time <= entry.lastTime) return false;
    entry.lastTime = time;
    for (const entryPlot of entry.plots) {
      const value = values[entryPlot.plot.output];
      if (value === undefined || Number.isNaN(value)) continue;
      if (entryPlot.kind === 'histogram') entryPlot.series.update(toHistogramPoint(time, value));
      else entryPlot.series.update(toLineData(Float64Array.of(time), Float64Array.of(value))[0]!);
    }
    return true;
  }

  remove(id: string): void {
    const entry = this.mounted.get(id);
    if (!entry) return;
    for (const { series } of entry.plots) this.chart.removeSeries(series);
    this.mounted.delete(id);
  }

  clear(): void {
    for (const id of [...this.mounted.keys()]) this.remove(id);
  }

  paneCount(): number {
    return this.chart.panes().length;
  }

  /** Values drawn for the instance's first output (warm-up excluded). */
  pointsOf(id: string): number {
    return this.mounted.get(id)?.plots[0]?.series.data().length ?? 0;
  }

  /** Pane the instance is drawn in (0 = price), or null when not shown. */
  paneOf(id: string): number | null {
    return this.mounted.get(id)?.plots[0]?.series.getPane().paneIndex() ?? null;
  }
}
