import { useMemo, useState } from 'react';
import type { Ticker } from '../../shared/market/index.ts';
import { formatChangePct, formatTurnover, formatVolume } from './format.ts';
import { useSymbols, useTickerSnapshot } from './market-queries.ts';
import { FavouriteStar } from './FavouriteStar.tsx';
import { PriceCell } from './PriceCell.tsx';
import { useLiveTickers } from './stream-hooks.ts';
import { useWatchlist } from './watchlist-queries.ts';
import { buildRows, filterRows, nextSort, sortRows, type SortKey, type SortState } from './watchlist-model.ts';

/** Rows beyond this are not rendered or streamed; the filter narrows the list. */
const MAX_ROWS = 100;

const COLUMNS: Array<{ key: SortKey; label: string; numeric: boolean }> = [
  { key: 'symbol', label: 'Symbol', numeric: false },
  { key: 'lastPrice', label: 'Last price', numeric: true },
  { key: 'change24hPct', label: '24h change', numeric: true },
  { key: 'turnoverUsdt', label: '24h volume', numeric: true },
];

function newest(snapshot: Ticker[] | undefined, live: ReadonlyMap<string, Ticker>): Map<string, Ticker> {
  const merged = new Map((snapshot ?? []).map((t) => [t.symbol, t]));
  for (const [symbol, ticker] of live) {
    const known = merged.get(symbol);
    if (!known || ticker.ts >= known.ts) merged.set(symbol, ticker);
  }
  return merged;
}

export function MarketOverview({ onOpenChart }: { onOpenChart: (symbol: string) => void }) {
  const symbols = useSymbols();
  const snapshot = useTickerSnapshot();
  const [filter, setFilter] = useState('');
  const [starredOnly, setStarredOnly] = useState(false);
  const watchlist = useWatchlist();
  const starred = useMemo(() => new Set(watchlist.symbols), [watchlist.symbols]);
  const [sort, setSort] = useState<SortState>({ key: 'turnoverUsdt', direction: 'desc' });
  const [liveSymbols, setLiveSymbols] = useState<string[]>([]);
  const live = useLiveTickers(liveSymbols);

  const tickers = useMemo(() => newest(snapshot.data, live), [snapshot.data, live]);
  const allRows = useMemo(() => buildRows(symbols.data ?? [], tickers), [symbols.data, tickers]);
  const matching = useMemo(
    () => sortRows(filterRows(allRows, filter, starredOnly ? starred : undefined), sort),
    [allRows, filter, starredOnly, starred, sort],
  );
  const visible = matching.slice(0, MAX_ROWS);

  // Stream exactly the rendered rows; the set changes with filter and sort, not with prices.
  const visibleKey = [...visible.map((r) => r.symbol)].sort().join(',');
  if (visibleKey !== liveSymbols.join(',')) setLiveSymbols(visibleKey === '' ? [] : visibleKey.split(','));

  return (
    <section className="market-overview" data-testid="market-overview">
      <div className="toolbar">
        <h2>Spot markets</h2>
        <input
          className="filter"
          type="search"
          placeholder="Filter by symbol, base or quote…"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="watchlist-filter"
          aria-label="Filter symbols"
        />
        <div className="interval-bar" role="group" aria-label="Markets shown">
          <button
            type="button"
            className={starredOnly ? undefined : 'active'}
            aria-pressed={!starredOnly}
            onClick={() => setStarredOnly(false)}
            data-testid="scope-all"
          >
            All markets
          </button>
          <button
            type="button"
            className={starredOnly ? 'active' : undefined}
            aria-pressed={starredOnly}
            onClick={() => setStarredOnly(true)}
            data-testid="scope-watchlist"
          >
            ★ Watchlist ({starred.size})
          </button>
        </div>
      </div>
      {watchlist.error && (
        <p className="state error" role="alert" data-testid="favourites-error">
          Could not load the watchlist: {watchlist.error.message}
        </p>
      )}
      {symbols.isPending && <p className="state" data-testid="watchlist-loading">Loading markets…</p>}
      {symbols.isError && (
        <p className="state error" role="alert" data-testid="watchlist-error">
          Could not load markets: {symbols.error.message}
        </p>
      )}
      {snapshot.isError && symbols.isSuccess && (
        <p className="state warn" data-testid="tickers-error">
          Prices unavailable: {snapshot.error.message}
        </p>
      )}
      {symbols.isSuccess && (
        <>
          <table className="watchlist" data-testid="watchlist">
            <thead>
              <tr>
                {COLUMNS.map((col) => (
                  <th
                    key={col.key}
                    className={col.numeric ? 'num' : undefined}
                    aria-sort={sort.key === col.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                  >
                    <button type="button" onClick={() => setSort(nextSort(sort, col.key))} data-testid={`sort-${col.key}`}>
                      {col.label}
                      <span className="sort-mark">{sort.key === col.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <tr
                  key={row.symbol}
                  data-testid="watchlist-row"
                  data-symbol={row.symbol}
                  tabIndex={0}
                  onClick={() => onOpenChart(row.symbol)}
                  onKeyDown={(e) => e.key === 'Enter' && onOpenChart(row.symbol)}
                >
                  <td>
                    <FavouriteStar symbol={row.symbol} starred={starred.has(row.symbol)} />
                    <span className="sym">{row.base}</span>
                    <span className="quote">/{row.quote}</span>
                  </td>
                  <PriceCell value={row.lastPrice} tickSize={row.tickSize} />
                  <td
                    className={`num ${row.change24hPct === null ? '' : row.change24hPct >= 0 ? 'up' : 'down'}`}
                    data-testid="change-cell"
                  >
                    {formatChangePct(row.change24hPct)}
                  </td>
                  <td className="num" data-testid="turnover-cell" title={`${formatVolume(row.volume24h)} ${row.base} traded in 24h`}>
                    {formatTurnover(row.turnover24h, row.quote)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {matching.length === 0 &&
            (starredOnly && starred.size === 0 ? (
              <p className="state" data-testid="watchlist-empty">
                No favourites yet — click ☆ beside a market to add it to the watchlist.
              </p>
            ) : (
              <p className="state">No symbol matches “{filter}”.</p>
            ))}
          {matching.length > MAX_ROWS && (
            <p className="state muted">
              Showing {MAX_ROWS} of {matching.length} markets — type in the filter to narrow.
            </p>
          )}
        </>
      )}
    </section>
  );
}
