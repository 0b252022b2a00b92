import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi } from 'lightweight-charts';
import type { IndicatorSeries } from '../../shared/indicators/index.ts';
import { isPricePane, type IndicatorInstance } from './indicator-set.ts';
import { plotsFor, toHistogramData, toHistogramPoint, toLineData, toLinePoint, type Plot } from './indicator-plots.ts';

/** Indicator panes share the height with the price pane at this weight (price pane = 1). */
const PANE_STRETCH = 0.35;

type PlotSeries = { plot: Plot; kind: 'line'; series: ISeriesApi<'Line'> } | { plot: Plot; kind: 'histogram'; series: ISeriesApi<'Histogram'> };

interface Mounted {
  name: string;
  plots: PlotSeries[];
  /** Newest closed candle drawn. */
  lastTime: number;
  /** Forming candle whose provisional value is drawn (lighter), or null. */
  provisionalTime: number | null;
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
    this.mounted.set(instance.id, { name: instance.spec.name, plots, lastTime: data.time.at(-1) ?? -Infinity, provisionalTime: null });
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
    entry.lastTime = data.time.at(-1) ?? -Infinity;
    entry.provisionalTime = null;
  }

  /**
   * Adds one closed candle's values (replacing that candle's provisional ones); returns false when
   * the series is not shown or the candle is not newer than the last closed one drawn.
   */
  append(id: string, time: number, values: Record<string, number>): boolean {
    const entry = this.mounted.get(id);
    if (!entry || time <= entry.lastTime) return false;
    entry.lastTime = time;
    // The next candle's preview can overtake this close (its answer waits for IndexedDB); the
    // chart only updates its newest point, so that newer provisional point is taken off first.
    if (entry.provisionalTime !== null && entry.provisionalTime > time) this.dropProvisional(entry);
    if (entry.provisionalTime !== null && entry.provisionalTime <= time) entry.provisionalTime = null;
    this.draw(entry, time, values, false);
    return true;
  }

  /**
   * Draws the forming candle's provisional values in a lighter colour; the next call or the
   * candle's `append` replaces them. Returns false when not shown or not after the last closed candle.
   */
  showProvisional(id: string, time: number, values: Record<string, number>): boolean {
    const entry = this.mounted.get(id);
    if (!entry || time <= entry.lastTime) return false;
    // An older candle still waits for its close: its final value must land before a newer point.
    if (entry.provisionalTime !== null && time !== entry.provisionalTime) return false;
    entry.provisionalTime = time;
    this.draw(entry, time, values, true);
    return true;
  }

  private dropProvisional(entry: Mounted): void {
    const cutoff = Math.floor(entry.provisionalTime! / 1000);
    for (const mounted of entry.plots) {
      if (mounted.kind === 'histogram') mounted.series.setData(mounted.series.data().filter((p) => (p.time as number) < cutoff));
      else mounted.series.setData(mounted.series.data().filter((p) => (p.time as number) < cutoff));
    }
    entry.provisionalTime = null;
  }

  private draw(entry: Mounted, time: number, values: Record<string, number>, provisional: boolean): void {
    for (const entryPlot of entry.plots) {
      const value = values[entryPlot.plot.output];
      if (value === undefined || Number.isNaN(value)) continue;
      if (entryPlot.kind === 'histogram') entryPlot.series.update(toHistogramPoint(time, value, provisional));
      else entryPlot.series.update(toLinePoint(time, value, provisional ? entryPlot.plot.color : null));
    }
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

  /** Closed-candle values drawn for the instance's first output (warm-up and provisional excluded). */
  pointsOf(id: string): number {
    const entry = this.mounted.get(id);
    if (!entry) return 0;
    return (entry.plots[0]?.series.data().length ?? 0) - (entry.provisionalTime === null ? 0 : 1);
  }

  /** Open time of the forming candle whose provisional value is drawn, or null. */
  provisionalOf(id: string): number | null {
    return this.mounted.get(id)?.provisionalTime ?? null;
  }

  /** Pane the instance is drawn in (0 = price), or null when not shown. */
  paneOf(id: string): number | null {
    return this.mounted.get(id)?.plots[0]?.series.getPane().paneIndex() ?? null;
  }
}
