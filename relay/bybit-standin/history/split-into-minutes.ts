import type { Bar } from '../market/candle-series.ts';
import { MINUTE_MS } from '../market/kline-intervals.ts';
import { roundToStep } from '../market/decimal-text.ts';
import type { Random } from '../../../shared/random/seeded-random.ts';
import { pathAt } from '../market/waypoint-path.ts';
import type { SourceBar } from './parse-candle-files.ts';

/**
 * Real data coarser than 1m (SOLUSDT 1h, ETHBTC 5m) cannot answer a 1m chart honestly. Rather than
 * refuse, each real bar is split into seeded synthetic 1m bars that reproduce it exactly when
 * aggregated back: the first opens at the real open, the last closes at the real close, the real
 * high and low each occur once (in a seeded order), and volumes add up to the real volume.
 * Path: open -> first extreme -> second extreme -> close, linear with clamped noise in between.
 */
export function splitIntoMinutes(bar: SourceBar, stepMs: number, tickSize: string, random: Random): Bar[] {
  const parts = stepMs / MINUTE_MS;
  const highFirst = random.next() < 0.5;
  const first = highFirst ? bar.high : bar.low;
  const second = highFirst ? bar.low : bar.high;
  const a = Math.floor(random.next() * parts);
  const b = a + Math.floor(random.next() * (parts - a));
  // Waypoints in units of minute boundaries: extremes sit mid-minute so they land inside bars a and b.
  const waypoints: [number, number][] = [[0, bar.open], [a + 0.5, first], [b + 0.5, second], [parts, bar.close]];
  const noise = (bar.high - bar.low) * 0.08;
  const clamp = (p: number) => Math.min(bar.high, Math.max(bar.low, roundToStep(p, tickSize)));

  const boundary: number[] = [bar.open];
  for (let k = 1; k < parts; k++) boundary.push(clamp(pathAt(waypoints, k) + noise * random.gaussian()));
  boundary.push(bar.close);

  const weights = Array.from({ length: parts }, () => 0.2 + random.exponential());
  const weightSum = weights.reduce((s, w) => s + w, 0);
  let volumeLeft = bar.volume;

  return Array.from({ length: parts }, (_, i) => {
    const open = boundary[i]!;
    const close = boundary[i + 1]!;
    let high = Math.max(open, close);
    let low = Math.min(open, close);
    if ((i === a && highFirst) || (i === b && !highFirst)) high = bar.high;
    if ((i === a && !highFirst) || (i === b && highFirst)) low = bar.low;
    const volume = i === parts - 1 ? volumeLeft : (bar.volume * weights[i]!) / weightSum;
    volumeLeft -= volume;
    return { start: bar.start + i * MINUTE_MS, open, high, low, close, volume, turnover: estimateTurnover(open, high, low, close, volume) };
  });
}

/** The sources carry no quote volume; the typical price times base volume is the honest estimate. */
export function estimateTurnover(open: number, high: number, low: number, close: number, volume: number): number {
  return (volume * (open + high + low + close)) / 4;
}
