import { describe, expect, it } from 'vitest';
import type { ReportTrade } from '../../shared/backtest/index.ts';
import { ALL_TRADES, exitReasonsOf, filterTradeRows, formatDuration, OPEN_AT_END, sortTradeRows, tradeRows } from './trade-rows.ts';

const H = 3_600_000;
const T0 = Date.UTC(2024, 5, 1);
const trade = (entryH: number, exitH: number | null, pnl: number, exitTag: string | null): ReportTrade => ({
  entryTime: T0 + entryH * H,
  exitTime: exitH === null ? null : T0 + exitH * H,
  entryPrice: 100,
  exitPrice: exitH === null ? null : 100 + pnl,
  qty: '1',
  fees: 0.2,
  pnl,
  returnPct: pnl / 100,
  exitTag,
});
const tags = { stop: 'Trailing ATR stop hit', exit: 'Close below the exit channel' };
const rows = tradeRows([trade(0, 2, 5, 'exit'), trade(3, 3.5, -2, 'stop'), trade(4, 30, 0, 'exit'), trade(31, null, 1, null)], tags, T0 + 40 * H);

describe('trades table rows', () => {
  it('give each trade its duration, result and exit reason in words', () => {
    expect(rows.map((r) => [r.n, r.durationMs / H, r.result, r.exitReason])).toEqual([
      [1, 2, 'win', 'Close below the exit channel'],
      [2, 0.5, 'loss', 'Trailing ATR stop hit'],
      // Zero pnl is not a win, as the win rate counts it.
      [3, 26, 'loss', 'Close below the exit channel'],
      [4, 9, 'open', OPEN_AT_END],
    ]);
    expect(tradeRows([trade(0, 1, 1, null), trade(1, 2, 1, 'gone')], tags, T0 + 2 * H).map((r) => r.exitReason)).toEqual(['Sell order without a tag', 'gone']);
  });

  it('sort by any column both ways, keeping entry order on ties', () => {
    expect(sortTradeRows(rows, { key: 'pnl', dir: 'desc' }).map((r) => r.n)).toEqual([1, 4, 3, 2]);
    expect(sortTradeRows(rows, { key: 'duration', dir: 'asc' }).map((r) => r.n)).toEqual([2, 1, 4, 3]);
    expect(sortTradeRows(rows, { key: 'entryTime', dir: 'desc' }).map((r) => r.n)).toEqual([4, 3, 2, 1]);
    const tied = tradeRows([trade(0, 1, 1, 'exit'), trade(1, 2, 1, 'exit')], tags, 0);
    expect(sortTradeRows(tied, { key: 'pnl', dir: 'desc' }).map((r) => r.n)).toEqual([1, 2]);
  });

  it('filter by result and by exit reason', () => {
    expect(filterTradeRows(rows, ALL_TRADES)).toHaveLength(4);
    expect(filterTradeRows(rows, { result: 'loss', exitReason: 'all' }).map((r) => r.n)).toEqual([2, 3]);
    expect(filterTradeRows(rows, { result: 'all', exitReason: 'Trailing ATR stop hit' }).map((r) => r.n)).toEqual([2]);
    expect(filterTradeRows(rows, { result: 'win', exitReason: 'Trailing ATR stop hit' })).toEqual([]);
    expect(exitReasonsOf(rows)).toEqual(['Close below the exit channel', 'Trailing ATR stop hit', OPEN_AT_END]);
  });

  it('words durations in minutes, hours and days', () => {
    expect([0, 45 * 60_000, 3 * H + 5 * 60_000, 50 * H].map(formatDuration)).toEqual(['0m', '45m', '3h 05m', '2d 2h']);
  });
});
