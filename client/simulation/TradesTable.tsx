import { useMemo, useState } from 'react';
import type { ReportTrade } from '../../shared/backtest/index.ts';
import { formatNumber, formatPct, formatTime } from './result-view.ts';
import {
  ALL_TRADES,
  exitReasonsOf,
  filterTradeRows,
  formatDuration,
  sortTradeRows,
  tradeRows,
  type TradeFilter,
  type TradeResult,
  type TradeSort,
  type TradeSortKey,
} from './trade-rows.ts';
import { tradesCsv } from './trades-csv.ts';

const SHOWN = 200;

interface Props {
  trades: readonly ReportTrade[];
  /** The strategy's words for its order tags. */
  orderTags: Readonly<Record<string, string>>;
  /** Close of the run's last candle: how long a still-open trade has lasted. */
  endTime: number;
  /** Name of the downloaded CSV file. */
  fileName: string;
}

const RESULTS: { value: TradeResult | 'all'; label: string }[] = [
  { value: 'all', label: 'All results' },
  { value: 'win', label: 'Wins' },
  { value: 'loss', label: 'Losses' },
  { value: 'open', label: 'Open' },
];

/** Starts a real download of `text`; the object URL is released once the click has used it. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The run's trades: sortable by the headed columns, filterable by result and exit reason, exportable as CSV. */
export function TradesTable({ trades, orderTags, endTime, fileName }: Props) {
  const [sort, setSort] = useState<TradeSort>({ key: 'n', dir: 'asc' });
  const [filter, setFilter] = useState<TradeFilter>(ALL_TRADES);
  const rows = useMemo(() => tradeRows(trades, orderTags, endTime), [trades, orderTags, endTime]);
  const shown = useMemo(() => sortTradeRows(filterTradeRows(rows, filter), sort), [rows, filter, sort]);
  if (trades.length === 0) return <p className="state" data-testid="sim-trades-empty">No trades: the strategy never entered in this range.</p>;

  const header = (key: TradeSortKey, label: string) => {
    const active = sort.key === key;
    return (
      <th aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
        <button
          type="button"
          className="sim-sort"
          data-testid={`sim-trades-sort-${key}`}
          onClick={() => setSort({ key, dir: active && sort.dir === 'desc' ? 'asc' : active ? 'desc' : key === 'n' || key === 'entryTime' ? 'asc' : 'desc' })}
        >
          {label}
          <span aria-hidden="true">{active ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
        </button>
      </th>
    );
  };

  return (
    <div className="sim-trades-block">
      <div className="sim-trades-toolbar">
        <select data-testid="sim-trades-result" aria-label="Filter by result" value={filter.result} onChange={(e) => setFilter({ ...filter, result: e.target.value as TradeFilter['result'] })}>
          {RESULTS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
        <select data-testid="sim-trades-exit" aria-label="Filter by exit reason" value={filter.exitReason} onChange={(e) => setFilter({ ...filter, exitReason: e.target.value })}>
          <option value="all">All exit reasons</option>
          {exitReasonsOf(rows).map((reason) => (
            <option key={reason} value={reason}>
              {reason}
            </option>
          ))}
        </select>
        <span className="state" data-testid="sim-trades-count">
          {shown.length === rows.length ? `${rows.length} trades` : `${shown.length} of ${rows.length} trades`}
        </span>
        <button type="button" data-testid="sim-trades-csv" onClick={() => download(fileName, tradesCsv(shown))} disabled={shown.length === 0}>
          Download CSV
        </button>
      </div>
      <div className="sim-trades">
        <table className="sim-table" data-testid="sim-trades">
          <thead>
            <tr>
              {header('n', '#')}
              {header('entryTime', 'Entry (UTC)')}
              <th>Entry price</th>
              <th>Exit (UTC)</th>
              <th>Exit price</th>
              {header('duration', 'Duration')}
              <th className="reason">Exit reason</th>
              <th>Qty</th>
              <th>Fees</th>
              {header('pnl', 'PnL')}
              {header('returnPct', 'Return')}
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, SHOWN).map((r) => (
              <tr key={r.n} data-testid="sim-trade-row" data-n={r.n} data-result={r.result} className={r.result === 'open' ? 'open' : r.result}>
                <td>{r.n}</td>
                <td>{formatTime(r.trade.entryTime)}</td>
                <td>{formatNumber(r.trade.entryPrice)}</td>
                <td>{formatTime(r.trade.exitTime)}</td>
                <td>{formatNumber(r.trade.exitPrice)}</td>
                <td data-testid="sim-trade-duration">{formatDuration(r.durationMs)}</td>
                <td className="reason" data-testid="sim-trade-exit-reason">
                  {r.exitReason}
                </td>
                <td>{r.trade.qty}</td>
                <td>{formatNumber(r.trade.fees)}</td>
                <td>{formatNumber(r.trade.pnl)}</td>
                <td>{formatPct(r.trade.returnPct)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length > SHOWN && <p className="state">Showing the first {SHOWN} of {shown.length} trades; the CSV has them all.</p>}
    </div>
  );
}
