import { describe, expect, it } from 'vitest';
import type { MarketSymbol, Ticker } from '../../shared/market/index.ts';
import { testSymbol } from '../../relay/market/test-symbols.ts';
import { buildRows, filterRows, nextSort, sortRows, type WatchlistRow } from './watchlist-model.ts';

const symbol = (base: string, quote: string): MarketSymbol => testSymbol(base + quote, base, quote);

function ticker(sym: string, lastPrice: number, change24hPct: number, volume24h: number): Ticker {
  return { symbol: sym, lastPrice, change24hPct, volume24h, high24h: lastPrice, low24h: lastPrice, turnover24h: 0, ts: 1 };
}

const symbols = [symbol('BTC', 'USDT'), symbol('ETH', 'USDT'), symbol('ETH', 'BTC'), symbol('XRP', 'USDC')];
const tickers = new Map([
  ['BTCUSDT', ticker('BTCUSDT', 97_000, 1.2, 500)],
  ['ETHUSDT', ticker('ETHUSDT', 3_600, -2.5, 9_000)],
  ['ETHBTC', ticker('ETHBTC', 0.037, 0.4, 120)],
]);
const rows = buildRows(symbols, tickers);
const order = (list: WatchlistRow[]) => list.map((r) => r.symbol);

describe('watchlist model', () => {
  it('joins symbols with tickers and leaves missing tickers empty', () => {
    expect(rows[0]).toMatchObject({ symbol: 'BTCUSDT', lastPrice: 97_000, change24hPct: 1.2, volume24h: 500 });
    expect(rows[3]).toMatchObject({ symbol: 'XRPUSDC', lastPrice: null, change24hPct: null, volume24h: null });
  });

  it('filters by symbol, base or quote ignoring case and surrounding spaces', () => {
    expect(order(filterRows(rows, ' eth '))).toEqual(['ETHUSDT', 'ETHBTC']);
    expect(order(filterRows(rows, 'usdc'))).toEqual(['XRPUSDC']);
    expect(order(filterRows(rows, 'btc'))).toEqual(['BTCUSDT', 'ETHBTC']);
  });

  it('keeps only the starred symbols when asked, filter applied on top', () => {
    const starred = new Set(['ETHBTC', 'XRPUSDC']);
    expect(order(filterRows(rows, '', starred))).toEqual(['ETHBTC', 'XRPUSDC']);
    expect(order(filterRows(rows, 'eth', starred))).toEqual(['ETHBTC']);
    expect(filterRows(rows, '', new Set())).toEqual([]);
    expect(filterRows(rows, '   ')).toHaveLength(4);
    expect(filterRows(rows, 'DOGE')).toEqual([]);
  });

  it('sorts numeric columns both ways with ticker-less rows last', () => {
    expect(order(sortRows(rows, { key: 'lastPrice', direction: 'desc' }))).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'lastPrice', direction: 'asc' }))).toEqual(['ETHBTC', 'ETHUSDT', 'BTCUSDT', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'change24hPct', direction: 'desc' }))).toEqual(['BTCUSDT', 'ETHBTC', 'ETHUSDT', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'volume24h', direction: 'asc' }))).toEqual(['ETHBTC', 'BTCUSDT', 'ETHUSDT', 'XRPUSDC']);
  });

  it('sorts by symbol alphabetically and does not mutate its input', () => {
    const before = order(rows);
    expect(order(sortRows(rows, { key: 'symbol', direction: 'asc' }))).toEqual(['BTCUSDT', 'ETHBTC', 'ETHUSDT', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'symbol', direction: 'desc' }))).toEqual(['XRPUSDC', 'ETHUSDT', 'ETHBTC', 'BTCUSDT']);
    expect(order(rows)).toEqual(before);
  });

  it('flips direction on the active column and picks a default for a new one', () => {
    expect(nextSort({ key: 'volume24h', direction: 'desc' }, 'volume24h')).toEqual({ key: 'volume24h', direction: 'asc' });
    expect(nextSort({ key: 'volume24h', direction: 'asc' }, 'symbol')).toEqual({ key: 'symbol', direction: 'asc' });
    expect(nextSort({ key: 'symbol', direction: 'asc' }, 'change24hPct')).toEqual({ key: 'change24hPct', direction: 'desc' });
  });
});
