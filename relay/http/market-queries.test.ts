import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.ts';
import { parseCandleWindow, parseTickersQuery } from './market-queries.ts';

const MINUTE = 60_000;
const MINUTE_OPEN = 28_333_334 * MINUTE;
const NOW = MINUTE_OPEN + 25_000; // 25 s into a minute

function rejection(run: () => unknown): { status: number; code: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected an HttpError');
}

describe('parseCandleWindow', () => {
  it('defaults to the last 1000 candles up to the forming one', () => {
    const q = parseCandleWindow({ symbol: 'BTCUSDT', interval: '1m' }, NOW);
    expect(q.to).toBe(MINUTE_OPEN);
    expect(q.from).toBe(MINUTE_OPEN - 999 * MINUTE);
  });

  it('snaps from/to inward to candle open times', () => {
    const q = parseCandleWindow({ symbol: 'BTCUSDT', interval: '1h', from: '3600001', to: '10800001' }, NOW);
    expect(q).toEqual({ symbol: 'BTCUSDT', interval: '1h', from: 7_200_000, to: 10_800_000 });
  });

  it('rejects an unsupported interval listing the valid ones', () => {
    expect(rejection(() => parseCandleWindow({ symbol: 'BTCUSDT', interval: '2m' }, NOW))).toEqual({
      status: 400,
      code: 'invalid_query',
      message: 'interval must be one of 1m, 5m, 15m, 1h, 4h, 1d',
    });
  });

  it('rejects a missing symbol and non-numeric times with examples', () => {
    expect(rejection(() => parseCandleWindow({ interval: '1m' }, NOW)).message).toBe(
      'symbol is required, e.g. symbol=BTCUSDT',
    );
    expect(rejection(() => parseCandleWindow({ symbol: 'BTCUSDT', interval: '1m', from: 'yesterday' }, NOW)).message).toBe(
      'from must be a Unix time in milliseconds, e.g. from=1700000000000',
    );
  });

  it('rejects from after to', () => {
    expect(rejection(() => parseCandleWindow({ symbol: 'BTCUSDT', interval: '1m', from: '2000', to: '1000' }, NOW))).toEqual({
      status: 400,
      code: 'invalid_range',
      message: 'from (2000) must not be after to (1000)',
    });
  });

  it('caps a request at 50,000 candles', () => {
    expect(() => parseCandleWindow({ symbol: 'BTCUSDT', interval: '1m', from: '0', to: String(49_999 * MINUTE) }, NOW)).not.toThrow();
    const tooMany = rejection(() =>
      parseCandleWindow({ symbol: 'BTCUSDT', interval: '1m', from: '0', to: String(50_000 * MINUTE) }, NOW),
    );
    expect(tooMany.code).toBe('range_too_large');
    expect(tooMany.message).toContain('the range covers 50001 1m candles; at most 50000 per request');
  });
});

describe('parseTickersQuery', () => {
  it('splits, trims and de-duplicates; empty means all', () => {
    expect(parseTickersQuery({ symbols: 'BTCUSDT, ETHUSDT,,BTCUSDT' })).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(parseTickersQuery({})).toEqual([]);
    expect(parseTickersQuery({ symbols: '' })).toEqual([]);
  });

  it('rejects a malformed symbol and a repeated parameter', () => {
    expect(rejection(() => parseTickersQuery({ symbols: 'btc-usdt' })).message).toBe(
      '"btc-usdt" is not a spot symbol; use upper case such as BTCUSDT',
    );
    expect(rejection(() => parseTickersQuery({ symbols: ['A', 'B'] })).status).toBe(400);
  });
});
