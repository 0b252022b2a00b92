import type { Trade } from '../../shared/kernel/index.ts';
import { candleOpenTime, type Interval } from '../../shared/market/interval.ts';
import type { ParityRow } from '../../shared/runner/schemas.ts';

type Leg = NonNullable<ParityRow['backtest']>;

function legOf(trade: Trade, interval: Interval): Leg {
  return {
    entry: { time: candleOpenTime(trade.entryTime, interval), price: trade.entryPrice },
    exit: trade.exitTime === null || trade.exitPrice === null ? null : { time: candleOpenTime(trade.exitTime, interval), price: trade.exitPrice },
    qty: trade.qty,
    fees: trade.fees,
    pnl: trade.pnl,
  };
}

/** Basis points the live price is worse than the backtest's for the trader: a buy higher, a sell lower. */
const slippageBps = (live: number, backtest: number, side: 'buy' | 'sell') => ((side === 'buy' ? live - backtest : backtest - live) / backtest) * 10_000;

/**
 * Pure: the backtest's trades against the runner's, paired by the candle each entered in (a
 * backtest fills at the candle's open, the runner some milliseconds into the same candle), in
 * time order. A trade only one side made is missing (backtest only) or extra (runner only).
 */
export function diffTrades(backtest: readonly Trade[], live: readonly Trade[], interval: Interval): ParityRow[] {
  const liveByEntry = new Map<number, Leg>();
  for (const trade of live) liveByEntry.set(candleOpenTime(trade.entryTime, interval), legOf(trade, interval));
  const rows: ParityRow[] = [];
  const none = { entrySlippageBps: null, exitSlippageBps: null, qtyDiff: null, feesDiff: null, pnlDiff: null };
  for (const trade of backtest) {
    const expected = legOf(trade, interval);
    const actual = liveByEntry.get(expected.entry.time);
    if (actual === undefined) {
      rows.push({ status: 'missing', backtest: expected, live: null, ...none });
      continue;
    }
    liveByEntry.delete(expected.entry.time);
    rows.push({
      status: 'matched',
      backtest: expected,
      live: actual,
      entrySlippageBps: slippageBps(actual.entry.price, expected.entry.price, 'buy'),
      exitSlippageBps: actual.exit !== null && expected.exit !== null ? slippageBps(actual.exit.price, expected.exit.price, 'sell') : null,
      qtyDiff: Number(actual.qty) - Number(expected.qty),
      feesDiff: actual.fees - expected.fees,
      pnlDiff: actual.pnl - expected.pnl,
    });
  }
  for (const actual of liveByEntry.values()) rows.push({ status: 'extra', backtest: null, live: actual, ...none });
  return rows.sort((a, b) => (a.backtest ?? a.live)!.entry.time - (b.backtest ?? b.live)!.entry.time);
}
