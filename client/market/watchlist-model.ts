import type { MarketSymbol, Ticker } from '../../shared/market/index.ts';

/** One watchlist row: exchange metadata joined with the latest ticker (absent until one arrives). */
export interface WatchlistRow {
  symbol: string;
  base: string;
  quote: string;
  /** Prices are shown with the instrument's tick decimals. */
  tickSize: string;
  lastPrice: number | null;
  change24hPct: number | null;
  volume24h: number | null;
  /** Traded value over 24h in the quote currency: "12.3M USDT", "4.4 BTC". */
  turnover24h: number | null;
  /** The same value in USDT, so pairs with different quotes sort on one scale; null when the quote has no USDT price. */
  turnoverUsdt: number | null;
}

export type SortKey = 'symbol' | 'lastPrice' | 'change24hPct' | 'volume24h' | 'turnoverUsdt';
export type SortDirection = 'asc' | 'desc';
export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

/** Stablecoins counted at par with USDT for ranking; exact conversion is not the point of a sort. */
const USD_STABLE = new Set(['USDT', 'USDC', 'USDE', 'DAI', 'FDUSD']);

/** USDT for one unit of `asset`: par for stablecoins, else its USDT pair, else via its BTC pair. */
export function usdtPerUnit(asset: string, tickers: ReadonlyMap<string, Ticker>): number | null {
  if (USD_STABLE.has(asset)) return 1;
  const direct = tickers.get(`${asset}USDT`)?.lastPrice;
  if (direct !== undefined) return direct;
  const inBtc = tickers.get(`${asset}BTC`)?.lastPrice;
  const btc = tickers.get('BTCUSDT')?.lastPrice;
  return inBtc !== undefined && btc !== undefined ? inBtc * btc : null;
}

export function buildRows(symbols: MarketSymbol[], tickers: ReadonlyMap<string, Ticker>): WatchlistRow[] {
  return symbols.map((s) => {
    const t = tickers.get(s.symbol);
    const quoteUsdt = t === undefined ? null : usdtPerUnit(s.quote, tickers);
    return {
      symbol: s.symbol,
      base: s.base,
      quote: s.quote,
      tickSize: s.tickSize,
      lastPrice: t?.lastPrice ?? null,
      change24hPct: t?.change24hPct ?? null,
      volume24h: t?.volume24h ?? null,
      turnover24h: t?.turnover24h ?? null,
      turnoverUsdt: t === undefined || quoteUsdt === null ? null : t.turnover24h * quoteUsdt,
    };
  });
}

/**
 * Case-insensitive match on symbol, base or quote; whitespace-only filters match everything.
 * With `only`, just those symbols (the starred ones) are kept.
 */
export function filterRows(rows: WatchlistRow[], filter: string, only?: ReadonlySet<string>): WatchlistRow[] {
  const needle = filter.trim().toUpperCase();
  const kept = only === undefined ? rows : rows.filter((r) => only.has(r.symbol));
  if (needle === '') return kept;
  return kept.filter(
    (r) => r.symbol.includes(needle) || r.base.toUpperCase().includes(needle) || r.quote.toUpperCase().includes(needle),
  );
}

/** Rows without a ticker yet sort last in both directions so they never crowd the top. */
export function sortRows(rows: WatchlistRow[], sort: SortState): WatchlistRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (sort.key === 'symbol') return sign * a.symbol.localeCompare(b.symbol);
    const av = a[sort.key];
    const bv = b[sort.key];
    if (av === null && bv === null) return a.symbol.localeCompare(b.symbol);
    if (av === null) return 1;
    if (bv === null) return -1;
    return sign * (av - bv) || a.symbol.localeCompare(b.symbol);
  });
}

/** Clicking the active column flips direction; a new column starts with its most useful order. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: key === 'symbol' ? 'asc' : 'desc' };
}
