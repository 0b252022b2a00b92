import { describe, expect, it } from 'vitest';
import type { MarketSymbol, Ticker } from '../../shared/market/index.ts';
import { testSymbol } from '../../relay/market/test-symbols.ts';
import { buildRows, filterRows, nextSort, sortRows, usdtPerUnit, type WatchlistRow } from './watchlist-model.ts';

const symbol = (base: string, quote: string): MarketSymbol => testSymbol(base + quote, base, quote);

function ticker(sym: string, lastPrice: number, change24hPct: number, volume24h: number): Ticker {
  return { symbol: sym, lastPrice, change24hPct, volume24h, high24h: lastPrice, low24h: lastPrice, turnover24h: lastPrice * volume24h, ts: 1 };
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
    expect(filterRows(rows, '   ')).toHaveLength(4);
    expect(filterRows(rows, 'DOGE')).toEqual([]);
  });

  it('keeps only the starred symbols when asked, filter applied on top', () => {
    const starred = new Set(['ETHBTC', 'XRPUSDC']);
    expect(order(filterRows(rows, '', starred))).toEqual(['ETHBTC', 'XRPUSDC']);
    expect(order(filterRows(rows, 'eth', starred))).toEqual(['ETHBTC']);
    expect(filterRows(rows, '', new Set())).toEqual([]);
  });

  it('sorts numeric columns both ways with ticker-less rows last', () => {
    expect(order(sortRows(rows, { key: 'lastPrice', direction: 'desc' }))).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'lastPrice', direction: 'asc' }))).toEqual(['ETHBTC', 'ETHUSDT', 'BTCUSDT', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'change24hPct', direction: 'desc' }))).toEqual(['BTCUSDT', 'ETHBTC', 'ETHUSDT', 'XRPUSDC']);
    expect(order(sortRows(rows, { key: 'volume24h', direction: 'asc' }))).toEqual(['ETHBTC', 'BTCUSDT', 'ETHUSDT', 'XRPUSDC']);
  });

  it('sorts by turnover valued in USDT across quotes, shown in each pair\'s own quote', () => {
    // ETHBTC's 4.44 BTC is worth ~430k USDT: below BTCUSDT's 48.5M though its number is smaller still.
    const withSol = buildRows([...symbols, symbol('SOL', 'ETH')], new Map([...tickers, ['SOLETH', ticker('SOLETH', 0.05, 0, 1_000)]]));
    expect(withSol.find((r) => r.symbol === 'ETHBTC')).toMatchObject({ turnover24h: 120 * 0.037, turnoverUsdt: 120 * 0.037 * 97_000 });
    // ETH is valued through ETHUSDT.
    expect(withSol.find((r) => r.symbol === 'SOLETH')?.turnoverUsdt).toBeCloseTo(50 * 3_600);
    expect(order(sortRows(withSol, { key: 'turnoverUsdt', direction: 'desc' }))).toEqual(['BTCUSDT', 'ETHUSDT', 'ETHBTC', 'SOLETH', 'XRPUSDC']);
  });

  it('values a quote in USDT directly, through BTC, or not at all', () => {
    const prices = new Map([
      ['BTCUSDT', ticker('BTCUSDT', 100_000, 0, 1)],
      ['ETHBTC', ticker('ETHBTC', 0.04, 0, 1)],
    ]);
    expect(usdtPerUnit('USDT', prices)).toBe(1);
    expect(usdtPerUnit('USDC', prices)).toBe(1);
    expect(usdtPerUnit('BTC', prices)).toBe(100_000);
    expect(usdtPerUnit('ETH', prices)).toBeCloseTo(4_000);
    expect(usdtPerUnit('EUR', prices)).toBeNull();
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
