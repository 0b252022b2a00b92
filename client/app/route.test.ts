import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from './route.ts';

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

  it('falls back to 1m for an unsupported interval and upper-cases the symbol', () => {
    expect(parseRoute('#/chart/btcusdt/2m')).toEqual({ view: 'chart', symbol: 'BTCUSDT', interval: '1m' });
  });

  it('shows the dashboard for empty, unknown or malformed hashes', () => {
    expect(parseRoute('')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/nope')).toEqual({ view: 'dashboard' });
    expect(parseRoute('#/chart/<script>/1m')).toEqual({ view: 'dashboard' });
  });
});
