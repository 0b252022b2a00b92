import { describe, expect, it } from 'vitest';
import { CandleSeries } from '../market/candle-series.ts';
import { seededRandom } from '../../../shared/random/seeded-random.ts';
import { splitIntoMinutes } from './split-into-minutes.ts';

const HOUR = 3_600_000;
const realBars = [
  { start: Date.UTC(2024, 8, 20, 0), open: 142.88, high: 143.41, low: 141.74, close: 141.77, volume: 123193.475 },
  { start: Date.UTC(2024, 8, 20, 1), open: 141.76, high: 142.55, low: 141.18, close: 142.13, volume: 99395.195 },
  { start: Date.UTC(2024, 8, 20, 2), open: 142.14, high: 142.14, low: 142.14, close: 142.14, volume: 0 },
];

describe('splitIntoMinutes', () => {
  it('produces 1m bars that aggregate back to the real bar exactly', () => {
    const random = seededRandom(5);
    for (const bar of realBars) {
      const minutes = splitIntoMinutes(bar, HOUR, '0.01', random);
      expect(minutes).toHaveLength(60);
      const hourly = new CandleSeries('60');
      for (const m of minutes) {
        expect(m.low).toBeLessThanOrEqual(Math.min(m.open, m.close));
        expect(m.high).toBeGreaterThanOrEqual(Math.max(m.open, m.close));
        hourly.addBar(m);
      }
      const back = hourly.candles[0]!;
      expect(hourly.candles).toHaveLength(1);
      expect([back.start, back.open, back.high, back.low, back.close]).toEqual([bar.start, bar.open, bar.high, bar.low, bar.close]);
      expect(back.volume).toBeCloseTo(bar.volume, 6);
    }
  });

  it('keeps every price on the tick grid', () => {
    const minutes = splitIntoMinutes(realBars[0]!, HOUR, '0.01', seededRandom(9));
    for (const m of minutes) {
      for (const p of [m.open, m.high, m.low, m.close]) expect(Math.round(p * 100) / 100).toBe(p);
    }
  });

  it('is deterministic per seed', () => {
    const a = splitIntoMinutes(realBars[1]!, 5 * 60_000, '0.01', seededRandom(1));
    const b = splitIntoMinutes(realBars[1]!, 5 * 60_000, '0.01', seededRandom(1));
    expect(a).toEqual(b);
  });
});
