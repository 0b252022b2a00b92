import {
  CandlestickSeries,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type LogicalRange,
} from 'lightweight-charts';
import type { Candle, Interval } from '../../shared/market/index.ts';
import { missingCandleCount } from './candle-gap.ts';
import { liveOutcome, mergeCandles, toCandlestickBar, toVolumeBar } from './candle-bars.ts';
import { CANDLESTICK_STYLE, CHART_THEME } from './chart-theme.ts';

/** What sibling features (indicator panes, drawings, trade markers) attach to. */
export interface ChartApi {
  chart: IChartApi;
  candleSeries: ISeriesApi<'Candlestick'>;
  volumeSeries: ISeriesApi<'Histogram'>;
}

/** Older history is requested once fewer than this many bars are left of the visible range. */
const LEFT_EDGE_BARS = 10;

/**
 * Owns one lightweight-charts instance and the candles it shows. Kept outside React so live
 * updates go straight to the series without re-rendering.
 */
export class ChartController {
  private api: ChartApi | null = null;
  private container: HTMLElement | null = null;
  private candles: Candle[] = [];
  private interval: Interval = '1m';
  private readonly listeners = new Set<() => void>();
  /** Indicator layer: recomputes when the history is replaced or extended. */
  private readonly historyListeners = new Set<() => void>();
  private nearLeftEdge: (() => void) | null = null;

  attach(container: HTMLElement): void {
    this.detach();
    const chart = createChart(container, {
      ...CHART_THEME,
      autoSize: true,
      rightPriceScale: { ...CHART_THEME.rightPriceScale, scaleMargins: { top: 0.08, bottom: 0.28 } },
      timeScale: { ...CHART_THEME.timeScale, rightOffset: 6 },
      crosshair: { mode: 0 },
    });
    const candleSeries = chart.addSeries(CandlestickSeries, CANDLESTICK_STYLE);
    const volumeSeries = chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume',
      priceFormat: { type: 'volume' },
      lastValueVisible: false,
      priceLineVisible: false,
    });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.78, bottom: 0 } });
    chart.timeScale().subscribeVisibleLogicalRangeChange(this.handleRangeChange);
    this.container = container;
    this.api = { chart, candleSeries, volumeSeries };
    this.render();
    this.notify();
  }

  detach(): void {
    if (!this.api) return;
    this.api.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.handleRangeChange);
    this.api.chart.remove();
    this.api = null;
    this.container = null;
    this.notify();
  }

  getApi = (): ChartApi | null => this.api;

  /** The history loader's hook for "the user scrolled near the oldest bar"; one handler at a time. */
  onNearLeftEdge(handler: () => void): () => void {
    this.nearLeftEdge = handler;
    return () => {
      if (this.nearLeftEdge === handler) this.nearLeftEdge = null;
    };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onHistoryChanged(listener: () => void): () => void {
    this.historyListeners.add(listener);
    return () => this.historyListeners.delete(listener);
  }

  getCandles(): readonly Candle[] {
    return this.candles;
  }

  /** Replaces everything shown (new symbol or interval) and scrolls to the latest bar. */
  reset(candles: Candle[], interval: Interval): void {
    this.candles = candles;
    this.interval = interval;
    this.render();
    this.api?.chart.timeScale().scrollToRealTime();
    for (const listener of this.historyListeners) listener();
  }

  /** Adds an older page in front while keeping the bars the user is looking at in place. */
  prepend(older: Candle[]): void {
    const before = this.candles.length;
    this.candles = mergeCandles(older, this.candles);
    const added = this.candles.length - before;
    const range = this.api?.chart.timeScale().getVisibleLogicalRange() ?? null;
    this.render();
    if (range && added > 0) {
      this.api?.chart.timeScale().setVisibleLogicalRange({ from: range.from + added, to: range.to + added });
    }
    if (added > 0) for (const listener of this.historyListeners) listener();
  }

  /**
   * Heals history anywhere in the series (candles missed while the stream was down). Fetched
   * candles win over held ones: a held bar in the healed range is a forming bar that never got its
   * close. The bars in view stay put, as with `prepend`.
   */
  mergeHistory(fetched: readonly Candle[]): void {
    const held = new Map(this.candles.map((c) => [c.openTime, c]));
    const changed = fetched.some((c) => !sameCandle(held.get(c.openTime), c));
    if (!changed) return;
    const before = this.candles.length;
    this.candles = mergeCandles(this.candles, fetched);
    const added = this.candles.length - before;
    const range = this.api?.chart.timeScale().getVisibleLogicalRange() ?? null;
    this.render();
    if (range && added > 0) {
      this.api?.chart.timeScale().setVisibleLogicalRange({ from: range.from + added, to: range.to + added });
    }
    for (const listener of this.historyListeners) listener();
  }

  /** Updates the forming bar or opens the next one; never fills holes (that is `mergeHistory`). */
  applyLive(candle: Candle): void {
    const outcome = liveOutcome(this.candles, candle);
    if (outcome === 'ignored') return;
    this.candles = outcome === 'replaced' ? [...this.candles.slice(0, -1), candle] : [...this.candles, candle];
    this.api?.candleSeries.update(toCandlestickBar(candle));
    this.api?.volumeSeries.update(toVolumeBar(candle));
    this.writeCount();
  }

  private render(): void {
    this.api?.candleSeries.setData(this.candles.map(toCandlestickBar));
    this.api?.volumeSeries.setData(this.candles.map(toVolumeBar));
    this.writeCount();
  }

  /** e2e tests and debugging read how many bars are shown, and how many are missing, from the container. */
  private writeCount(): void {
    if (!this.container) return;
    this.container.dataset.candleCount = String(this.candles.length);
    this.container.dataset.gaps = String(missingCandleCount(this.candles, this.interval));
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private handleRangeChange = (range: LogicalRange | null): void => {
    if (range && range.from < LEFT_EDGE_BARS && this.candles.length > 0) this.nearLeftEdge?.();
  };
}

function sameCandle(a: Candle | undefined, b: Candle): boolean {
  return (
    a !== undefined &&
    a.open === b.open &&
    a.high === b.high &&
    a.low === b.low &&
    a.close === b.close &&
    a.volume === b.volume &&
    a.turnover === b.turnover
  );
}
