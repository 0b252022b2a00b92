import type { CanvasRenderingTarget2D } from 'fancy-canvas';
import type {
  IChartApiBase,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesApi,
  ISeriesPrimitive,
  SeriesAttachedParameter,
  SeriesType,
  Time,
} from 'lightweight-charts';
import type { Candle } from '../../../shared/market/index.ts';
import { binVolumeByPrice, type VolumeBar, type VolumeProfileBins } from './volume-bins.ts';

export interface VolumeProfileOptions {
  /** Number of price rows. Default 24. */
  bins: number;
  /** Longest row as a fraction of the pane width. Default 0.25. */
  widthRatio: number;
  /** Which pane edge the rows grow from. Default 'right' (next to the price scale). */
  side: 'left' | 'right';
  color: string;
  /** Colour of the point-of-control row (most traded price). */
  pocColor: string;
}

export const DEFAULT_VOLUME_PROFILE_OPTIONS: VolumeProfileOptions = {
  bins: 24,
  widthRatio: 0.25,
  side: 'right',
  color: 'rgba(41, 98, 255, 0.28)',
  pocColor: 'rgba(255, 152, 0, 0.55)',
};

/** Chart candles carry ms open times; the chart and the profile use UTC seconds. */
export function candlesToVolumeBars(candles: readonly Candle[]): VolumeBar[] {
  return candles.map((c) => ({ time: Math.floor(c.openTime / 1000), high: c.high, low: c.low, volume: c.volume }));
}

interface PixelRow {
  top: number;
  bottom: number;
  length: number;
  poc: boolean;
}

class VolumeProfileRenderer implements IPrimitivePaneRenderer {
  constructor(
    private readonly rows: readonly PixelRow[],
    private readonly paneWidth: number,
    private readonly options: VolumeProfileOptions,
  ) {}

  // Drawn behind the candles so price action stays readable.
  drawBackground(target: CanvasRenderingTarget2D): void {
    target.useBitmapCoordinateSpace(({ context: ctx, horizontalPixelRatio: hr, verticalPixelRatio: vr }) => {
      for (const row of this.rows) {
        const top = Math.round(row.top * vr);
        // Leave a 1px gap between rows so neighbouring bins stay distinguishable.
        const height = Math.max(1, Math.round(row.bottom * vr) - top - Math.round(vr));
        const length = Math.round(row.length * hr);
        const x = this.options.side === 'right' ? Math.round(this.paneWidth * hr) - length : 0;
        ctx.fillStyle = row.poc ? this.options.pocColor : this.options.color;
        ctx.fillRect(x, top, length, height);
      }
    });
  }

  draw(): void {}
}

class VolumeProfilePaneView implements IPrimitivePaneView {
  private rows: PixelRow[] = [];
  private paneWidth = 0;

  constructor(private readonly source: VolumeProfile) {}

  update(chart: IChartApiBase<Time>, series: ISeriesApi<SeriesType, Time>): void {
    const profile = this.source.profile();
    const options = this.source.options();
    this.paneWidth = chart.timeScale().width();
    const longest = this.paneWidth * options.widthRatio;
    this.rows = [];
    profile.bins.forEach((bin, i) => {
      const top = series.priceToCoordinate(bin.priceHigh);
      const bottom = series.priceToCoordinate(bin.priceLow);
      if (top === null || bottom === null || bin.volume === 0 || profile.maxVolume === 0) return;
      this.rows.push({ top, bottom, length: (longest * bin.volume) / profile.maxVolume, poc: i === profile.pocIndex });
    });
  }

  zOrder(): 'bottom' {
    return 'bottom';
  }

  renderer(): IPrimitivePaneRenderer {
    return new VolumeProfileRenderer(this.rows, this.paneWidth, this.source.options());
  }
}

/**
 * Histogram of traded volume by price for the bars currently visible, recomputed whenever the
 * visible range changes. Give it bars with `setBars` (see `candlesToVolumeBars`).
 *
 * @example
 * const profile = new VolumeProfile({ bins: 32 });
 * candleSeries.attachPrimitive(profile);
 * profile.setBars(candlesToVolumeBars(candles));
 * // later: candleSeries.detachPrimitive(profile);
 */
export class VolumeProfile implements ISeriesPrimitive<Time> {
  private attachment: SeriesAttachedParameter<Time> | null = null;
  private readonly view = new VolumeProfilePaneView(this);
  private readonly views: readonly IPrimitivePaneView[] = [this.view];
  private source: () => readonly VolumeBar[] = () => [];
  private currentOptions: VolumeProfileOptions;
  private bins: VolumeProfileBins = { bins: [], pocIndex: -1, maxVolume: 0 };
  private readonly onRangeChange = (): void => this.recompute();

  constructor(options: Partial<VolumeProfileOptions> = {}) {
    this.currentOptions = { ...DEFAULT_VOLUME_PROFILE_OPTIONS, ...options };
  }

  options(): VolumeProfileOptions {
    return this.currentOptions;
  }

  profile(): VolumeProfileBins {
    return this.bins;
  }

  applyOptions(options: Partial<VolumeProfileOptions>): void {
    this.currentOptions = { ...this.currentOptions, ...options };
    this.recompute();
  }

  /**
   * Where the bars come from: a fixed list, or a function read on every recompute so live data
   * (e.g. `() => joinSeriesVolume(candleSeries.data(), volumeSeries.data())`) is always current.
   */
  setBars(bars: readonly VolumeBar[] | (() => readonly VolumeBar[])): void {
    this.source = typeof bars === 'function' ? bars : () => bars;
    this.recompute();
  }

  /** Recomputes now, e.g. after new candles arrived without a viewport change. */
  refresh(): void {
    this.recompute();
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.attachment = param;
    param.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRangeChange);
    this.recompute();
  }

  detached(): void {
    this.attachment?.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRangeChange);
    this.attachment = null;
  }

  updateAllViews(): void {
    if (this.attachment !== null) this.view.update(this.attachment.chart, this.attachment.series);
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  private recompute(): void {
    const attachment = this.attachment;
    if (attachment === null) return;
    const range = attachment.chart.timeScale().getVisibleRange();
    const from = typeof range?.from === 'number' ? range.from : -Infinity;
    const to = typeof range?.to === 'number' ? range.to : Infinity;
    const visible = this.source().filter((bar) => bar.time >= from && bar.time <= to);
    this.bins = binVolumeByPrice(visible, this.currentOptions.bins);
    attachment.requestUpdate();
  }
}
