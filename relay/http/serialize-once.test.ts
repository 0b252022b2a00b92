import { describe, expect, it } from 'vitest';
import { serializeOnce } from './serialize-once.ts';

describe('serializeOnce', () => {
  it('builds the body once per source object and reuses it', () => {
    const candles = [{ openTime: 1, close: 2 }];
    let builds = 0;
    const build = () => {
      builds++;
      return { symbol: 'BTCUSDT', candles };
    };
    const first = serializeOnce(candles, build);
    expect(serializeOnce(candles, build)).toBe(first);
    expect(builds).toBe(1);
    expect(JSON.parse(first.toString())).toEqual({ symbol: 'BTCUSDT', candles });
  });

  it('serialises a different source object afresh', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    expect(serializeOnce(a, () => ({ tickers: a, n: 1 })).toString()).toBe('{"tickers":[],"n":1}');
    expect(serializeOnce(b, () => ({ tickers: b, n: 2 })).toString()).toBe('{"tickers":[],"n":2}');
  });
});
