import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute, routeCorrection } from './route.ts';

describe('hash route', () => {
  it('reads symbol and interval of a chart view', () => {
    expect(parseRoute('#/chart/ETHUSDT/15m')).toEqual({ view: 'chart', symbol: 'ETHUSDT', interval: '15m' });
  });

  it('round-trips through formatRoute', () => {
    const route = { view: 'chart', symbol: 'SOLUSDT', interval: '4h' } as const;
    expect(parseRoute(formatRoute(route))).toEqual(route);
    expect(parseRoute(formatRoute({ view: 'dashboard' }))).toEqual({ view: 'dashboard' });
    expect(parseRoute(formatRoute({ view: 'audit' }))).toEqual({ view: 'audit' });
  });

  it('reads the strategies list and one strategy\'s workbench', () => {
    expect(parseRoute('#/strategies')).toEqual({ view: 'strategies' });
    expect(parseRoute('#/strategies/ema-rsi')).toEqual({ view: 'strategy', strategyId: 'ema-rsi' });
    expect(parseRoute(formatRoute({ view: 'strategy', strategyId: 'donchian-atr' }))).toEqual({ view: 'strategy', strategyId: 'donchian-atr' });
    expect(formatRoute({ view: 'strategies' })).toBe('#/strategies');
  });

  it('shows the strategies list for a malformed strategy id', () => {
    expect(parseRoute('#/strategies/<script>')).toEqual({ view: 'strategies' });
    expect(parseRoute('#/strategies/EMA_RSI')).toEqual({ view: 'strategies' });
  });

  it('falls back to 1m for an unsupported interval and upper-cases the symbol', () => {
    expect(parseRoute('#/chart/btcusdt/2m')).toEqual({ view: 'chart', symbol: 'BTCUSDT', interval: '1m' });
  });

  it('shows the dashboard for empty, unknown or malformed hashes', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/nope')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/chart/<script>/1m')).toEqual({ view: 'dashboard' });
  });
});

describe('routeCorrection', () => {
  it('names an unsupported interval and what is shown instead', () => {
    expect(routeCorrection('#/chart/BTCUSDT/7m')).toBe('7m is not a chart interval (choose 1m, 5m, 15m, 1h, 4h, 1d) — showing 1m.');
  });

  it('says nothing when the URL was taken as written', () => {
    expect(routeCorrection('#/chart/BTCUSDT/15m')).toBeNull();
    expect(routeCorrection('#/chart/BTCUSDT')).toBeNull();
    expect(routeCorrection('#/simulate')).toBeNull();
  });
});
