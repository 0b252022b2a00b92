import { describe, expect, it } from 'vitest';
import { moveHighlight, normaliseQuery, searchSymbols, type SearchableSymbol } from './symbol-search.ts';

const sym = (base: string, quote: string): SearchableSymbol => ({ symbol: `${base}${quote}`, base, quote });

const MARKET: SearchableSymbol[] = [
  sym('BTC', 'EUR'),
  sym('WBTC', 'USDT'),
  sym('BTC', 'USDC'),
  sym('ETH', 'BTC'),
  sym('BTC', 'USDT'),
  sym('BTCDOM', 'USDT'),
  sym('SOL', 'USDT'),
  sym('XRP', 'ETH'),
];
const symbols = (query: string, favourites: string[] = [], limit = 20) =>
  searchSymbols(MARKET, query, new Set(favourites), limit).matches.map((s) => s.symbol);

describe('symbol search ranking', () => {
  it('puts the exact symbol first, then the base with the commoner quotes, then prefixes and substrings', () => {
    expect(symbols('btc')).toEqual(['BTCUSDT', 'BTCUSDC', 'BTCEUR', 'BTCDOMUSDT', 'WBTCUSDT', 'ETHBTC']);
    expect(symbols('ethbtc')[0]).toBe('ETHBTC');
    expect(symbols('sol')).toEqual(['SOLUSDT']);
    expect(symbols('nope')).toEqual([]);
  });

  it('reads separators the way traders type pairs', () => {
    expect(normaliseQuery(' btc/usdt ')).toBe('BTCUSDT');
    expect(symbols('BTC-USDT')).toEqual(['BTCUSDT', 'WBTCUSDT']);
    expect(symbols('xrp eth')).toEqual(['XRPETH']);
  });

  it('lifts favourites within a tier but never above a better match', () => {
    expect(symbols('btc', ['BTCEUR'])).toEqual(['BTCEUR', 'BTCUSDT', 'BTCUSDC', 'BTCDOMUSDT', 'WBTCUSDT', 'ETHBTC']);
    // WBTCUSDT is starred, but "btc" names BTC's own pairs before a substring match.
    expect(symbols('btc', ['WBTCUSDT']).indexOf('WBTCUSDT')).toBe(4);
    expect(symbols('', ['XRPETH', 'SOLUSDT']).slice(0, 2)).toEqual(['SOLUSDT', 'XRPETH']);
  });

  it('caps the list and reports how many matched in all, fast on a long list', () => {
    const many = Array.from({ length: 600 }, (_, i) => sym(`C${String(i).padStart(3, '0')}`, i % 2 ? 'USDT' : 'USDC'));
    const result = searchSymbols(many, 'c1', new Set(), 50);
    expect(result.matches).toHaveLength(50);
    expect(result.total).toBe(100);
    expect(result.matches[0]?.symbol).toBe('C101USDT');
    const started = performance.now();
    for (let i = 0; i < 100; i++) searchSymbols(many, 'c', new Set(['C599USDT']), 50);
    expect((performance.now() - started) / 100).toBeLessThan(5);
  });
});

describe('highlight movement', () => {
  it('wraps with the arrows and clamps with page keys', () => {
    expect(moveHighlight(0, 'ArrowUp', 5)).toBe(4);
    expect(moveHighlight(4, 'ArrowDown', 5)).toBe(0);
    expect(moveHighlight(2, 'PageDown', 5)).toBe(4);
    expect(moveHighlight(2, 'PageUp', 5)).toBe(0);
    expect(moveHighlight(2, 'End', 5)).toBe(4);
    expect(moveHighlight(3, 'ArrowDown', 0)).toBe(0);
  });
});
