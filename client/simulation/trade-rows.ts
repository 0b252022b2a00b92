import type { ReportTrade } from '../../shared/backtest/index.ts';

export type TradeResult = 'win' | 'loss' | 'open';

/** A report's trade as the trades table and its CSV show it. */
export interface TradeRow {
  /** 1-based, in entry order: stays the trade's name when the table is sorted. */
  n: number;
  trade: ReportTrade;
  /** Entry to exit; an open trade counts until the close of the last candle. */
  durationMs: number;
  /** Win means pnl > 0, as the report's win rate counts it. */
  result: TradeResult;
  exitReason: string;
}

export const OPEN_AT_END = 'Still open at the end of the data';
const UNTAGGED_EXIT = 'Sell order without a tag';

/** `orderTags` are the strategy's words for its order tags; `endTime` is when the last candle closed. */
export function tradeRows(trades: readonly ReportTrade[], orderTags: Readonly<Record<string, string>>, endTime: number): TradeRow[] {
  return trades.map((trade, i) => ({
    n: i + 1,
    trade,
    durationMs: (trade.exitTime ?? endTime) - trade.entryTime,
    result: trade.exitTime === null ? 'open' : trade.pnl > 0 ? 'win' : 'loss',
    exitReason: trade.exitTime === null ? OPEN_AT_END : trade.exitTag === null ? UNTAGGED_EXIT : (orderTags[trade.exitTag] ?? trade.exitTag),
  }));
}

const SORT_VALUES = {
  n: (r: TradeRow) => r.n,
  entryTime: (r: TradeRow) => r.trade.entryTime,
  duration: (r: TradeRow) => r.durationMs,
  pnl: (r: TradeRow) => r.trade.pnl,
  returnPct: (r: TradeRow) => r.trade.returnPct,
} as const;
export type TradeSortKey = keyof typeof SORT_VALUES;
export interface TradeSort {
  key: TradeSortKey;
  dir: 'asc' | 'desc';
}

/** A sorted copy; ties keep entry order so a re-sort never shuffles equal rows. */
export function sortTradeRows(rows: readonly TradeRow[], sort: TradeSort): TradeRow[] {
  const value = SORT_VALUES[sort.key];
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (value(a) - value(b)) || a.n - b.n);
}

export interface TradeFilter {
  result: TradeResult | 'all';
  exitReason: string | 'all';
}
export const ALL_TRADES: TradeFilter = { result: 'all', exitReason: 'all' };

export function filterTradeRows(rows: readonly TradeRow[], filter: TradeFilter): TradeRow[] {
  return rows.filter((r) => (filter.result === 'all' || r.result === filter.result) && (filter.exitReason === 'all' || r.exitReason === filter.exitReason));
}

/** The exit reasons present, in first-seen order, for the filter's choices. */
export function exitReasonsOf(rows: readonly TradeRow[]): string[] {
  return [...new Set(rows.map((r) => r.exitReason))];
}

const MINUTE = 60_000;

/** "45m", "3h 05m", "2d 4h": whole minutes, the finest bar a run has. */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}
