import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { MarketSymbol } from '../../shared/market/index.ts';
import { FavouriteStar } from '../market/FavouriteStar.tsx';
import { formatChangePct } from '../market/format.ts';
import { useTickerSnapshot } from '../market/market-queries.ts';
import { moveHighlight, searchSymbols } from '../market/symbol-search.ts';
import { useWatchlist } from '../market/watchlist-queries.ts';
import './symbol-search.css';

/** Rows rendered at once; with hundreds of symbols the query narrows the rest. */
const SHOWN = 50;
const MOVE_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);

interface Props {
  symbol: string;
  symbols: readonly MarketSymbol[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onPick: (symbol: string) => void;
}

/**
 * The chart header's symbol picker: a button naming the charted symbol that opens a search over
 * the whole spot list. Type to filter, arrows to move, Enter opens, Esc closes; favourites first.
 */
export function SymbolSearch({ symbol, symbols, open, onOpenChange, onPick }: Props) {
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) onOpenChange(false);
    };
    document.addEventListener('mousedown', closeOutside);
    return () => document.removeEventListener('mousedown', closeOutside);
  }, [open, onOpenChange]);

  return (
    <div className="symbol-search" ref={rootRef}>
      <button
        type="button"
        className="symbol-search-button"
        onClick={() => onOpenChange(!open)}
        aria-haspopup="listbox"
        aria-expanded={open}
        title="Search symbols ( / )"
        data-testid="symbol-search-open"
      >
        {symbol} <span className="caret">▾</span>
      </button>
      {open && <SearchPopover symbol={symbol} symbols={symbols} onClose={() => onOpenChange(false)} onPick={onPick} />}
    </div>
  );
}

/** Mounted while open, so every opening starts with an empty query and the top row highlighted. */
function SearchPopover({ symbol, symbols, onClose, onPick }: Omit<Props, 'open' | 'onOpenChange'> & { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [highlight, setHighlight] = useState(0);
  const watchlist = useWatchlist();
  const favourites = useMemo(() => new Set(watchlist.symbols), [watchlist.symbols]);
  const result = useMemo(() => searchSymbols(symbols, query, favourites, SHOWN), [symbols, query, favourites]);
  const tickers = useTickerSnapshot();
  const changes = useMemo(() => new Map((tickers.data ?? []).map((t) => [t.symbol, t.change24hPct])), [tickers.data]);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected=true]')?.scrollIntoView({ block: 'nearest' });
  }, [highlight]);

  const pick = (picked: string | undefined) => {
    if (picked === undefined) return;
    onClose();
    if (picked !== symbol) onPick(picked);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (MOVE_KEYS.has(e.key)) {
      e.preventDefault();
      setHighlight((h) => moveHighlight(h, e.key as Parameters<typeof moveHighlight>[1], result.matches.length));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(result.matches[highlight]?.symbol);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      // Handled here: the chart's own Esc (deselect a drawing) must not fire as well.
      e.stopPropagation();
      onClose();
    }
  };

  const active = result.matches[highlight];
  return (
    <div className="symbol-search-popover" data-testid="symbol-search">
      <input
        autoFocus
        className="symbol-search-input"
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={active ? `${listId}-${active.symbol}` : undefined}
        aria-label="Search symbols"
        placeholder={`Search ${symbols.length} markets — BTC, eth/btc…`}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
        spellCheck={false}
        autoComplete="off"
        data-testid="symbol-search-input"
      />
      <ul className="symbol-search-results" role="listbox" id={listId} ref={listRef} data-testid="symbol-search-results">
        {result.matches.map((s, index) => {
          const change = changes.get(s.symbol) ?? null;
          return (
            <li
              key={s.symbol}
              id={`${listId}-${s.symbol}`}
              role="option"
              aria-selected={index === highlight}
              className={s.symbol === symbol ? 'current' : undefined}
              onMouseMove={() => index !== highlight && setHighlight(index)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(s.symbol)}
              data-testid="symbol-search-option"
              data-symbol={s.symbol}
            >
              <FavouriteStar symbol={s.symbol} starred={favourites.has(s.symbol)} />
              <span className="sym">{s.base}</span>
              <span className="quote">/{s.quote}</span>
              <span className={`change ${change === null ? '' : change >= 0 ? 'up' : 'down'}`}>{formatChangePct(change)}</span>
            </li>
          );
        })}
      </ul>
      <p className="symbol-search-footer" data-testid="symbol-search-count">
        {result.total === 0
          ? `No market matches “${query.trim()}”.`
          : result.total > result.matches.length
            ? `${result.matches.length} of ${result.total} — keep typing to narrow`
            : `${result.total} ${result.total === 1 ? 'market' : 'markets'}`}
        <span className="keys">↑↓ move · Enter open · Esc close</span>
      </p>
    </div>
  );
}
