import { describe, expect, it } from 'vitest';
import { backtestReport } from '../../shared/backtest/index.ts';
import { backtestRecord } from '../../shared/simulations/test-records.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import type { StoredRun } from './simulation-db.ts';
import { markersWithin, runChartMarkers, runFocusRange, shortRunId } from './run-chart-markers.ts';

const { report } = await backtestReport(btcColumns(1500), strategyEntry('ema-rsi').bind({}), BTC_CONFIG);
const stored = (trades: StoredRun['trades']): StoredRun => ({
  ...backtestRecord(report, '3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'),
  relay: { status: 'posted', error: null },
  ...(trades === undefined ? {} : { trades }),
});

describe('run markers on the main chart', () => {
  it('marks every entry and exit of a run on its own market', () => {
    expect(report.trades.length).toBeGreaterThan(0);
    const plan = runChartMarkers(stored(report.trades), report.symbol, report.interval);
    if (plan.kind !== 'markers') throw new Error(`expected markers, got ${plan.kind}`);
    const exits = report.trades.filter((t) => t.exitTime !== null).length;
    expect(plan.markers).toHaveLength(report.trades.length + exits);
    expect(plan.markers[0]).toMatchObject({ side: 'buy', time: Math.floor(report.trades[0]!.entryTime / 1000), price: report.trades[0]!.entryPrice });
  });

  it('marks nothing on another symbol or interval and names the run market instead', () => {
    expect(runChartMarkers(stored(report.trades), 'ETHUSDT', report.interval)).toEqual({ kind: 'other-chart', symbol: report.symbol, interval: report.interval });
    const other = report.interval === '5m' ? '1m' : '5m';
    expect(runChartMarkers(stored(report.trades), report.symbol, other).kind).toBe('other-chart');
  });

  it('tells a run saved before trades were kept apart from a run without trades', () => {
    expect(runChartMarkers(stored(undefined), report.symbol, report.interval)).toEqual({ kind: 'no-trades' });
    expect(runChartMarkers(stored([]), report.symbol, report.interval)).toEqual({ kind: 'markers', markers: [] });
  });

  it('keeps only markers whose bar is within the loaded candles, bounds included', () => {
    const at = (time: number) => ({ time, side: 'buy' as const, price: 1 });
    expect(markersWithin([at(100), at(160), at(220), at(280)], 160, 220).map((m) => m.time)).toEqual([160, 220]);
  });

  it('shortens a run id to its first eight characters', () => {
    expect(shortRunId('3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10')).toBe('3f1c2a9e');
  });

  it('frames a run with a margin of a twentieth of its length (at least 10 bars) either side', () => {
    const from = Date.UTC(2024, 5, 1);
    const long = { from, to: from + 3999 * 60_000, candles: 4000, hash: 'h' };
    expect(runFocusRange(long, '1m')).toEqual({ loadFrom: from - 200 * 60_000, visible: { from: (from - 200 * 60_000) / 1000, to: (from + 4199 * 60_000) / 1000 } });
    const short = { from, to: from + 99 * 3_600_000, candles: 100, hash: 'h' };
    expect(runFocusRange(short, '1h').loadFrom).toBe(from - 10 * 3_600_000);
  });
});
