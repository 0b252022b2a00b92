import { describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import { liveGap, missingCandleCount, resumeRange, unionHeal } from './candle-gap.ts';

const M = 60_000;
const T0 = Date.UTC(2025, 0, 1);
const at = (minute: number) => T0 + minute * M;
const candle = (minute: number): Candle => ({ openTime: at(minute), open: 1, high: 2, low: 0.5, close: 1.5, volume: 1, turnover: 1 });
const PAGE = 500;

describe('liveGap', () => {
  it('sees no gap for the forming bar or the bar right after a final one', () => {
    expect(liveGap({ openTime: at(10), final: false }, candle(10), '1m', PAGE)).toBeNull();
    expect(liveGap({ openTime: at(10), final: true }, candle(11), '1m', PAGE)).toBeNull();
  });

  it('ignores late candles older than the held bar', () => {
    expect(liveGap({ openTime: at(10), final: false }, candle(8), '1m', PAGE)).toBeNull();
  });

  it('has nothing to heal before the history is loaded', () => {
    expect(liveGap(null, candle(10), '1m', PAGE)).toBeNull();
  });

  it('refetches the held bar when its close was never streamed', () => {
    expect(liveGap({ openTime: at(10), final: false }, candle(11), '1m', PAGE)).toEqual({ from: at(10), to: at(10), replace: false });
  });

  it('fetches the skipped candles, starting after a final held bar', () => {
    expect(liveGap({ openTime: at(10), final: true }, candle(14), '1m', PAGE)).toEqual({ from: at(11), to: at(13), replace: false });
    expect(liveGap({ openTime: at(10), final: false }, candle(14), '1m', PAGE)).toEqual({ from: at(10), to: at(13), replace: false });
  });

  it('steps by the interval', () => {
    const h = 60 * M;
    expect(liveGap({ openTime: T0, final: true }, { ...candle(0), openTime: T0 + 3 * h }, '1h', PAGE)).toEqual({
      from: T0 + h,
      to: T0 + 2 * h,
      replace: false,
    });
  });

  it('replaces the history with the latest page when the hole is longer than a page', () => {
    expect(liveGap({ openTime: at(0), final: true }, candle(600), '1m', PAGE)).toEqual({ from: at(101), to: at(600), replace: true });
    // Exactly one page of missing candles is still merged.
    expect(liveGap({ openTime: at(0), final: true }, candle(501), '1m', PAGE)).toEqual({ from: at(1), to: at(500), replace: false });
  });
});

describe('resumeRange', () => {
  it('reloads the latest page through the forming candle after a drop', () => {
    expect(resumeRange({ openTime: at(995), final: false }, at(1000) + 20_000, '1m', PAGE)).toEqual({
      from: at(501),
      to: at(1000),
      replace: false,
    });
  });

  it('replaces the history when the held bar is older than that page', () => {
    expect(resumeRange({ openTime: at(400), final: true }, at(1000) + 1, '1m', PAGE)?.replace).toBe(true);
  });

  it('has nothing to heal before the history is loaded', () => {
    expect(resumeRange(null, at(1000), '1m', PAGE)).toBeNull();
  });
});

describe('unionHeal', () => {
  it('covers both ranges and replaces if either does', () => {
    expect(unionHeal({ from: at(5), to: at(8), replace: false }, { from: at(2), to: at(6), replace: true })).toEqual({
      from: at(2),
      to: at(8),
      replace: true,
    });
  });
});

describe('missingCandleCount', () => {
  it('counts open times missing between the first and last candle', () => {
    expect(missingCandleCount([], '1m')).toBe(0);
    expect(missingCandleCount([candle(0), candle(1), candle(2)], '1m')).toBe(0);
    expect(missingCandleCount([candle(0), candle(3), candle(4), candle(7)], '1m')).toBe(4);
  });
});
