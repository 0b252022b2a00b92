import type { ParityRow } from '../../shared/runner/schemas.ts';

export interface RunnerPerformance {
  /** Trades the run made (closed and open). */
  trades: number;
  closed: number;
  wins: number;
  /** Sum of the closed trades' P&L, net of fees, in the quote asset. */
  realized: number;
  /** The open trade's P&L marked at the last close; 0 when flat. */
  unrealized: number;
  fees: number;
  /** The same figures for the backtest over the same candles, to read the two side by side. */
  backtestRealized: number;
  backtestTrades: number;
}

type Leg = NonNullable<ParityRow['live']>;

const sum = (legs: readonly Leg[], pick: (leg: Leg) => number) => legs.reduce((total, leg) => total + pick(leg), 0);

/** Pure: a running version's paper/live performance from its side of the parity rows, beside the backtest's. */
export function runnerPerformance(rows: readonly ParityRow[]): RunnerPerformance {
  const live = rows.flatMap((r) => (r.live === null ? [] : [r.live]));
  const closed = live.filter((l) => l.exit !== null);
  const backtestClosed = rows.flatMap((r) => (r.backtest !== null && r.backtest.exit !== null ? [r.backtest] : []));
  return {
    trades: live.length,
    closed: closed.length,
    wins: closed.filter((l) => l.pnl > 0).length,
    realized: sum(closed, (l) => l.pnl),
    unrealized: sum(live.filter((l) => l.exit === null), (l) => l.pnl),
    fees: sum(live, (l) => l.fees),
    backtestRealized: sum(backtestClosed, (l) => l.pnl),
    backtestTrades: rows.filter((r) => r.backtest !== null).length,
  };
}
