import { describe, expect, it } from 'vitest';
import type { Trade } from '../../shared/backtest/index.ts';
import { TradeMarkerSchema } from '../../shared/drawings/index.ts';
import { closeTimeSeries, formatPct, formatTime, tradeMarkersOf } from './result-view.ts';

const trade = (entryTime: number, exitTime: number | null): Trade => ({
  entryTime,
  exitTime,
  entryPrice: 67000.5,
  exitPrice: exitTime === null ? null : 67500,
  qty: '0.149',
  fees: 20,
  pnl: 54,
  returnPct: 0.005,
});

describe('simulation result views', () => {
  it('marks each entry and exit at its fill price, leaving open trades without an exit', () => {
    const markers = tradeMarkersOf([trade(1717200000000, 1717203600000), trade(1717207200000, null)]);
    expect(markers).toEqual([
      { time: 1717200000, side: 'buy', price: 67000.5, id: 'trade-0-entry' },
      { time: 1717203600, side: 'sell', price: 67500, id: 'trade-0-exit' },
      { time: 1717207200, side: 'buy', price: 67000.5, id: 'trade-1-entry' },
    ]);
    for (const m of markers) expect(TradeMarkerSchema.safeParse(m).success).toBe(true);
  });

  it('plots equity at candle close times in chart seconds', () => {
    const open = Float64Array.from([1717200000000, 1717200060000]);
    expect(closeTimeSeries(open, Float64Array.from([0.01, 0.02]), '1m', -100)).toEqual([
      { time: 1717200060, value: -1 },
      { time: 1717200120, value: -2 },
    ]);
  });

  it('formats missing numbers as a dash and times in UTC', () => {
    expect(formatPct(null)).toBe('—');
    expect(formatPct(0.12345)).toBe('12.35%');
    expect(formatTime(1717200000000)).toBe('2024-06-01 00:00');
    expect(formatTime(null)).toBe('open');
  });
});
