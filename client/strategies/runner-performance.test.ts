import { describe, expect, it } from 'vitest';
import type { ParityRow } from '../../shared/runner/schemas.ts';
import { runnerPerformance } from './runner-performance.ts';

const leg = (entry: number, exit: number | null, pnl: number, fees: number) => ({
  entry: { time: entry, price: 100 },
  exit: exit === null ? null : { time: exit, price: 101 },
  qty: '1',
  fees,
  pnl,
});
const none = { entrySlippageBps: null, exitSlippageBps: null, qtyDiff: null, feesDiff: null, pnlDiff: null };

describe('runnerPerformance', () => {
  it('sums the run’s closed trades as realized, marks the open one, and sets the backtest’s beside them', () => {
    const rows: ParityRow[] = [
      { status: 'matched', backtest: leg(1, 2, 5, 0.1), live: leg(1, 2, 4, 0.2), ...none, entrySlippageBps: 3, exitSlippageBps: 1, qtyDiff: 0, feesDiff: 0.1, pnlDiff: -1 },
      { status: 'missing', backtest: leg(3, 4, -2, 0.1), live: null, ...none },
      { status: 'extra', backtest: null, live: leg(5, 6, -1.5, 0.3), ...none },
      { status: 'matched', backtest: leg(7, null, 0.5, 0.1), live: leg(7, null, 0.25, 0.1), ...none },
    ];
    expect(runnerPerformance(rows)).toEqual({
      trades: 3,
      closed: 2,
      wins: 1,
      realized: 2.5,
      unrealized: 0.25,
      fees: expect.closeTo(0.6, 10),
      backtestRealized: 3,
      backtestTrades: 3,
    });
  });

  it('is all zeros before the first trade', () => {
    expect(runnerPerformance([])).toEqual({ trades: 0, closed: 0, wins: 0, realized: 0, unrealized: 0, fees: 0, backtestRealized: 0, backtestTrades: 0 });
  });
});
