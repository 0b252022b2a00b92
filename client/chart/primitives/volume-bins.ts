/** One bar's traded volume over its price range. `time` is UTC seconds, like chart times. */
export interface VolumeBar {
  time: number;
  high: number;
  low: number;
  volume: number;
}

export interface VolumeBin {
  priceLow: number;
  priceHigh: number;
  volume: number;
}

export interface VolumeProfileBins {
  bins: VolumeBin[];
  /** Index of the bin with the most volume (point of control), -1 when there is no volume. */
  pocIndex: number;
  maxVolume: number;
}

/**
 * Distributes each bar's volume across equal-height price bins in proportion to how much of the
 * bar's high–low range falls in each bin (volume is assumed uniform within a bar, the usual
 * approximation without tick data). A bar with high === low puts all its volume in one bin.
 */
export function binVolumeByPrice(bars: readonly VolumeBar[], binCount: number): VolumeProfileBins {
  if (!Number.isInteger(binCount) || binCount < 1) throw new RangeError(`binCount must be a positive integer, got ${binCount}`);
  if (bars.length === 0) return { bins: [], pocIndex: -1, maxVolume: 0 };

  let min = Infinity;
  let max = -Infinity;
  for (const bar of bars) {
    min = Math.min(min, bar.low);
    max = Math.max(max, bar.high);
  }
  // A flat market still gets a visible bin around the single price.
  const span = max > min ? max - min : Math.max(Math.abs(min) * 1e-6, 1e-9);
  const step = span / binCount;
  const bins: VolumeBin[] = Array.from({ length: binCount }, (_, i) => ({
    priceLow: min + i * step,
    priceHigh: i === binCount - 1 ? min + span : min + (i + 1) * step,
    volume: 0,
  }));
  const binOf = (price: number): number => Math.min(binCount - 1, Math.max(0, Math.floor((price - min) / step)));

  for (const bar of bars) {
    if (bar.volume <= 0) continue;
    const first = binOf(bar.low);
    const last = binOf(bar.high);
    const range = bar.high - bar.low;
    if (first === last || range <= 0) {
      bins[first]!.volume += bar.volume;
      continue;
    }
    for (let i = first; i <= last; i++) {
      const bin = bins[i]!;
      const overlap = Math.min(bar.high, bin.priceHigh) - Math.max(bar.low, bin.priceLow);
      if (overlap > 0) bin.volume += (bar.volume * overlap) / range;
    }
  }

  let pocIndex = -1;
  let maxVolume = 0;
  bins.forEach((bin, i) => {
    if (bin.volume > maxVolume) {
      maxVolume = bin.volume;
      pocIndex = i;
    }
  });
  return { bins, pocIndex, maxVolume };
}
