import { describe, expect, it } from 'vitest';
import { CandleSeries, type Bar } from './candle-series.ts';
import { MINUTE_MS } from './kline-intervals.ts';

const T0 = Date.UTC(2024, 0, 1);

function minuteBars(count: number): Bar[] {
  return Array.from({ length: count }, (_, i) => ({
    start: T0 + i * MINUTE_MS,
    open: 100 + i,
    high: 101 + i + (i % 3),
    low: 99 + i - (i % 2),
    close: 100.5 + i,
    volume: 1 + i,
    turnover: (1 + i) * 100,
  }));
}

function series(interval: Bar[], code: '1' | '5' | '60' = '1'): CandleSeries {
  const s = new CandleSeries(code);
  for (const bar of interval) s.addBar(bar);
  return s;
}

describe('CandleSeries aggregation', () => {
  it('builds 5m candles from 1m bars with first open, max high, min low, last close, summed volume', () => {
    const bars = minuteBars(10);
    const five = series(bars, '5');
    expect(five.candles).toHaveLength(2);
    const first = five.candles[0]!;
    expect(first).toEqual({
      start: T0,
      open: 100,
      high: Math.max(...bars.slice(0, 5).map((b) => b.high)),
      low: Math.min(...bars.slice(0, 5).map((b) => b.low)),
      close: 104.5,
      volume: 1 + 2 + 3 + 4 + 5,
      turnover: 1500,
    });
    expect(five.candles[1]!.start).toBe(T0 + 5 * MINUTE_MS);
  });

  it('aligns a bucket to the epoch even when the data starts mid-bucket', () => {
    const hourly = series(minuteBars(90).slice(30), '60');
    expect(hourly.candles.map((c) => c.start)).toEqual([T0, T0 + 60 * MINUTE_MS]);
    expect(hourly.candles[0]!.open).toBe(130);
  });
});

describe('CandleSeries live updates', () => {
  it('fills quiet buckets with flat candles at the previous close and reports the closed ones', () => {
    const s = series(minuteBars(2));
    const forming = { start: T0 + 4 * MINUTE_MS, open: 101.5, high: 200, low: 101.5, close: 200, volume: 2, turnover: 400 };
    const closed = s.setForming(forming);
    expect(closed.map((c) => c.start)).toEqual([T0 + MINUTE_MS, T0 + 2 * MINUTE_MS, T0 + 3 * MINUTE_MS]);
    expect(s.candles[2]).toMatchObject({ open: 101.5, high: 101.5, low: 101.5, close: 101.5, volume: 0 });
    expect(s.last()).toEqual(forming);
  });
});

describe('CandleSeries.query (Bybit start/end/limit selection)', () => {
  const s = series(minuteBars(100));
  const opens = (rows: Bar[]) => rows.map((r) => (r.start - T0) / MINUTE_MS);

  it('returns the newest `limit` candles up to end, newest first', () => {
    expect(opens(s.query({ end: T0 + 50 * MINUTE_MS, limit: 3 }))).toEqual([50, 49, 48]);
    expect(opens(s.query({ end: T0 + 50 * MINUTE_MS + 59_999, limit: 2 }))).toEqual([50, 49]);
  });

  it('with start, returns the oldest `limit` candles from start on, still newest first', () => {
    expect(opens(s.query({ start: T0 + 10 * MINUTE_MS, end: T0 + 99 * MINUTE_MS, limit: 3 }))).toEqual([12, 11, 10]);
    expect(opens(s.query({ start: 9999, end: T0 + 99 * MINUTE_MS, limit: 1 }))).toEqual([0]);
  });

  it('treats start and end as inclusive open times', () => {
    const rows = s.query({ start: T0 + 10 * MINUTE_MS, end: T0 + 12 * MINUTE_MS, limit: 200 });
    expect(opens(rows)).toEqual([12, 11, 10]);
  });

  it('returns nothing outside the data or for an inverted range', () => {
    expect(s.query({ end: T0 - 1, limit: 10 })).toEqual([]);
    expect(s.query({ start: T0 + 20 * MINUTE_MS, end: T0 + 10 * MINUTE_MS, limit: 10 })).toEqual([]);
  });

  it('pages backwards without gaps or overlaps', () => {
    const seen: number[] = [];
    let end = T0 + 99 * MINUTE_MS;
    for (;;) {
      const page = s.query({ end, limit: 30 });
      if (page.length === 0) break;
      seen.push(...opens(page));
      end = page[page.length - 1]!.start - 1;
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => 99 - i));
  });
});
