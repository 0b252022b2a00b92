import { describe, expect, it } from 'vitest';
import { fnv1a64, paramsHash } from './params-hash.ts';
import { IndicatorSpecError, parseIndicatorSpec } from './registry.ts';
import { IndicatorChoiceQuerySchema, ParamsHashSchema } from './schemas.ts';

describe('paramsHash', () => {
  it('implements FNV-1a 64 (published test vectors)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('is the same for omitted defaults, explicit defaults and any key order', () => {
    const hash = paramsHash(parseIndicatorSpec({ name: 'macd' }));
    expect(paramsHash(parseIndicatorSpec({ name: 'macd', params: { slow: 26, fast: 12, signal: 9 } }))).toBe(hash);
    expect(paramsHash(parseIndicatorSpec({ name: 'macd', params: { signal: 9 } }))).toBe(hash);
    expect(ParamsHashSchema.parse(hash)).toBe(hash);
  });

  it('differs when a parameter differs', () => {
    expect(paramsHash(parseIndicatorSpec({ name: 'sma', params: { period: 20 } }))).not.toBe(
      paramsHash(parseIndicatorSpec({ name: 'sma', params: { period: 21 } })),
    );
  });
});

describe('parseIndicatorSpec', () => {
  it.each([
    [{ name: 'smaa' }, 'name must be one of sma, ema, bb, vwap, rsi, macd, atr'],
    [{ name: 'sma', params: { period: 0 } }, 'period must be at least 1'],
    [{ name: 'sma', params: { period: 2.5 } }, 'period must be a whole number of candles'],
    [{ name: 'ema', params: { period: 5000 } }, 'period must be at most 1000'],
    [{ name: 'rsi', params: { periode: 14 } }, 'Unrecognized key: "periode"'],
    [{ name: 'bb', params: { stdDev: 0 } }, 'stdDev must be greater than 0'],
    [{ name: 'macd', params: { fast: 26, slow: 12 } }, 'fast must be smaller than slow'],
  ])('rejects %j with a message naming the problem', (input, message) => {
    expect(() => parseIndicatorSpec(input)).toThrow(IndicatorSpecError);
    expect(() => parseIndicatorSpec(input)).toThrow(message);
  });

  it('fills in documented defaults', () => {
    expect(parseIndicatorSpec({ name: 'bb' })).toEqual({ name: 'bb', params: { period: 20, stdDev: 2 } });
    expect(parseIndicatorSpec({ name: 'vwap', params: {} })).toEqual({ name: 'vwap', params: {} });
  });
});

describe('IndicatorChoiceQuerySchema', () => {
  it('parses params from a JSON string and leaves the candle window to the relay', () => {
    const query = IndicatorChoiceQuerySchema.parse({ symbol: 'BTCUSDT', interval: '1m', name: 'sma', params: '{"period":5}', from: '1000' });
    expect(query).toEqual({ name: 'sma', params: { period: 5 } });
  });

  it('explains params that are not JSON', () => {
    const result = IndicatorChoiceQuerySchema.safeParse({ symbol: 'BTCUSDT', interval: '1m', name: 'sma', params: '{period:5}' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('params must be a JSON object such as {"period":20}');
  });
});
