import type { VolumeBar } from './volume-bins.ts';

interface PriceItem {
  time: unknown;
  high?: number;
  low?: number;
}
interface VolumeItem {
  time: unknown;
  value?: number;
}

/**
 * Joins what the chart already shows (candles with high/low, a volume histogram) into volume
 * bars by time, so the profile needs no second copy of the data. Whitespace items are skipped.
 */
export function joinSeriesVolume(prices: readonly PriceItem[], volumes: readonly VolumeItem[]): VolumeBar[] {
  const volumeByTime = new Map<number, number>();
  for (const v of volumes) {
    if (typeof v.time === 'number' && typeof v.value === 'number') volumeByTime.set(v.time, v.value);
  }
  const bars: VolumeBar[] = [];
  for (const p of prices) {
    if (typeof p.time !== 'number' || p.high === undefined || p.low === undefined) continue;
    const volume = volumeByTime.get(p.time);
    if (volume !== undefined) bars.push({ time: p.time, high: p.high, low: p.low, volume });
  }
  return bars;
}
