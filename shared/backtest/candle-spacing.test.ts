import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allocateColumns, columnsFromCandles, type CandleColumns } from './candle-columns.ts';
import { parseCandleFile } from './candle-files.ts';
import { CandleSpacingError, checkCandleSpacing, describeGaps, formatSpacing } from './candle-spacing.ts';
import { backtestReport } from './report.ts';
import { BTC_CONFIG, btcColumns } from './test-dataset.ts';
import { strategyEntry } from '../strategy/registry.ts';

const FIXTURES = new URL('../../fixtures/candles/', import.meta.url);
const sol1h = parseCandleFile(readFileSync(new URL('SOLUSDT-1h.backtesting-py.csv', FIXTURES), 'utf8'));

/** The same candles with their open times mapped. */
function retimed(cols: CandleColumns, time: (t: number, i: number) => number): CandleColumns {
  const out = allocateColumns(cols.length);
  for (const name of ['open', 'high', 'low', 'close', 'volume'] as const) out[name].set(cols[name]);
  cols.openTime.forEach((t, i) => (out.openTime[i] = time(t, i)));
  return out;
}

/** The candles without the rows at `drop`. */
function without(cols: CandleColumns, drop: Set<number>): CandleColumns {
  const rows = Array.from({ length: cols.length }, (_, i) => i).filter((i) => !drop.has(i));
  return columnsFromCandles(rows.map((i) => ({ openTime: cols.openTime[i]!, open: cols.open[i]!, high: cols.high[i]!, low: cols.low[i]!, close: cols.close[i]!, volume: cols.volume[i]! })));
}

describe('candle spacing against the interval', () => {
  it('accepts the shipped files at their own interval, without gaps', () => {
    expect(checkCandleSpacing(sol1h, '1h')).toEqual({ count: 0, missingCandles: 0, largest: null, first: [] });
    expect(checkCandleSpacing(btcColumns(43_199), '1m').count).toBe(0);
  });

  it('refuses 1h candles run as 1m and 1m candles run as 1h, saying what the spacing is', () => {
    expect(() => checkCandleSpacing(sol1h, '1m', '--interval')).toThrow(new CandleSpacingError('candles are 1h apart but --interval is 1m'));
    expect(() => checkCandleSpacing(btcColumns(500), '1h', '--interval')).toThrow('candles are 1m apart but --interval is 1h');
  });

  it('refuses timestamps in seconds or microseconds', () => {
    const seconds = retimed(sol1h, (t) => t / 1000);
    expect(() => checkCandleSpacing(seconds, '1h')).toThrow(/^timestamps look like seconds, expected milliseconds \(first open time 1726786800 reads as 1970-01-20/);
    const micros = retimed(sol1h, (t) => t * 1000);
    expect(() => checkCandleSpacing(micros, '1h')).toThrow(/timestamps look like microseconds, expected milliseconds/);
  });

  it('refuses a candle off the interval grid', () => {
    const shifted = retimed(sol1h, (t, i) => (i >= 10 ? t + 30 * 60_000 : t));
    expect(() => checkCandleSpacing(shifted, '1h')).toThrow(/candle 10 \(2024-09-20T09:30:00.000Z\) opens 90m after the one before, not a whole number of 1h candles/);
  });

  it('counts gaps, the largest and the first few', () => {
    // One missing candle at 3, three at 10..12, one at 20: then six single holes further on.
    const drop = new Set([3, 10, 11, 12, 20, 30, 40, 50, 60, 70, 80]);
    const gaps = checkCandleSpacing(without(sol1h, drop), '1h');
    expect(gaps.count).toBe(9);
    expect(gaps.missingCandles).toBe(11);
    expect(gaps.largest).toEqual({ after: sol1h.openTime[9], before: sol1h.openTime[13], missing: 3 });
    expect(gaps.first).toHaveLength(5);
    expect(gaps.first[0]).toEqual({ after: sol1h.openTime[2], before: sol1h.openTime[4], missing: 1 });
    expect(describeGaps(gaps, '1h')).toBe(
      '9 gaps, 11 candles missing; largest 3 x 1h after 2024-09-20T08:00:00.000Z; first: 1 x 1h after 2024-09-20T01:00:00.000Z, ' +
        '3 x 1h after 2024-09-20T08:00:00.000Z, 1 x 1h after 2024-09-20T18:00:00.000Z, 1 x 1h after 2024-09-21T04:00:00.000Z, 1 x 1h after 2024-09-21T14:00:00.000Z',
    );
  });

  it('names spacings by interval where one fits', async () => {
    expect([formatSpacing(3_600_000), formatSpacing(7_200_000), formatSpacing(90_000), formatSpacing(1500)]).toEqual(['1h', '2h', '90s', '1500ms']);
  });

  it('puts the gaps in the backtest report and refuses a run at the wrong interval', async () => {
    const holed = without(btcColumns(3000), new Set([1000, 1001, 2000]));
    const emaRsi = strategyEntry('ema-rsi').bind({});
    expect((await backtestReport(holed, emaRsi, BTC_CONFIG)).report.gaps).toMatchObject({ count: 2, missingCandles: 3, largest: { missing: 2 } });
    await expect(backtestReport(sol1h, emaRsi, BTC_CONFIG)).rejects.toThrow(CandleSpacingError);
  });
});
