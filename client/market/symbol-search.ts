/** What the symbol search reads of an instrument. */
export interface SearchableSymbol {
  symbol: string;
  base: string;
  quote: string;
}

export interface SearchResult<S extends SearchableSymbol> {
  /** Best first, at most `limit`. */
  matches: S[];
  /** How many symbols matched in all, so the list can say how many more typing would reveal. */
  total: number;
}

/** Quotes a spot trader reaches for first; the rest follow alphabetically. */
const QUOTE_PREFERENCE = ['USDT', 'USDC', 'BTC', 'ETH', 'EUR'];

/** "btc/usdt", "BTC-USDT" and "btc usdt" all mean BTCUSDT. */
export function normaliseQuery(query: string): string {
  return query.toUpperCase().replace(/[\s/\-_:]+/g, '');
}

/** Lower is better; null: no match. Exact beats base-exact ("BTC" → BTCUSDT) beats prefixes beats substrings. */
function tier({ symbol, base }: SearchableSymbol, needle: string): number | null {
  if (needle === '') return 0;
  const baseUpper = base.toUpperCase();
  if (symbol === needle) return 0;
  if (baseUpper === needle) return 1;
  if (symbol.startsWith(needle)) return 2;
  if (baseUpper.startsWith(needle)) return 3;
  if (symbol.includes(needle)) return 4;
  return null;
}

function quoteRank(quote: string): number {
  const index = QUOTE_PREFERENCE.indexOf(quote.toUpperCase());
  return index === -1 ? QUOTE_PREFERENCE.length : index;
}

/**
 * Pure: ranks the spot list for a typed query. Within a tier favourites come first, then the
 * commoner quote, then the shorter symbol and the alphabet, so "BTC" puts BTCUSDT on top and a
 * starred market is never buried among hundreds. One pass and one sort: fast for Bybit's ~600 symbols.
 */
export function searchSymbols<S extends SearchableSymbol>(
  symbols: readonly S[],
  query: string,
  favourites: ReadonlySet<string>,
  limit: number,
): SearchResult<S> {
  const needle = normaliseQuery(query);
  const ranked: Array<{ item: S; tier: number; favourite: number; quote: number }> = [];
  for (const item of symbols) {
    const t = tier(item, needle);
    if (t !== null) ranked.push({ item, tier: t, favourite: favourites.has(item.symbol) ? 0 : 1, quote: quoteRank(item.quote) });
  }
  ranked.sort(
    (a, b) =>
      a.tier - b.tier ||
      a.favourite - b.favourite ||
      a.quote - b.quote ||
      a.item.symbol.length - b.item.symbol.length ||
      a.item.symbol.localeCompare(b.item.symbol),
  );
  return { matches: ranked.slice(0, limit).map((r) => r.item), total: ranked.length };
}

/** The highlighted row after an arrow key: wraps at both ends, stays put on an empty list. */
export function moveHighlight(current: number, key: 'ArrowDown' | 'ArrowUp' | 'PageDown' | 'PageUp' | 'Home' | 'End', count: number): number {
  if (count === 0) return 0;
  switch (key) {
    case 'ArrowDown':
      return (current + 1) % count;
    case 'ArrowUp':
      return (current - 1 + count) % count;
    case 'PageDown':
      return Math.min(count - 1, current + 10);
    case 'PageUp':
      return Math.max(0, current - 10);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
  }
}
