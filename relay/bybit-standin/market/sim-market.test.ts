import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HISTORY_END } from '../history/build-history.ts';
import type { BybitInterval } from './kline-intervals.ts';
import { SimMarket } from './sim-market.ts';
import { klineRow } from './wire-format.ts';

const START = Date.UTC(2026, 10, 2, 10, 30, 15, 500);
const market = new SimMarket({ startTime: START, seed: 42, tickMs: 1000, syntheticSymbols: 2 });
const btcRows = JSON.parse(
  readFileSync(new URL('../../../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url), 'utf8'),
) as number[][];

describe('SimMarket history', () => {
  it('lists the real symbols then the synthetic ones', () => {
    expect(market.symbols()).toEqual(['BTCUSDT', 'SOLUSDT', 'XRPETH', 'ETHBTC', 'SIM01USDT', 'SIM02USDT']);
  });

  it('serves the real BTC/USDT 1m series at fixed times, ending at HISTORY_END whenever it starts', () => {
    const minutes = market.get('BTCUSDT')!.candles('1').candles;
    const lastRealIndex = btcRows.length - 1;
    const lastReal = minutes[lastRealIndex]!;
    expect(lastReal.start).toBe(HISTORY_END - 60_000);
    const [, open, high, low, close, volume] = btcRows[lastRealIndex]!;
    expect([lastReal.open, lastReal.high, lastReal.low, lastReal.close, lastReal.volume]).toEqual([open, high, low, close, volume]);
    // The walk takes over at HISTORY_END, from the last real close, and runs contiguously up to START.
    expect(minutes[lastRealIndex + 1]!).toMatchObject({ start: HISTORY_END, open: close });
    const walk = minutes.slice(lastRealIndex + 1);
    expect(walk.at(-1)!.start).toBe(Math.floor(START / 60_000) * 60_000);
    expect(walk.every((bar, i) => i === 0 || (bar.start - walk[i - 1]!.start === 60_000 && bar.open === walk[i - 1]!.close))).toBe(true);
  });

  it('aggregates coarser intervals from the same 1m data (an hour equals its 60 minutes)', () => {
    const btc = market.get('BTCUSDT')!;
    const hour = btc.candles('60').candles[100]!;
    const inside = btc.candles('1').candles.filter((c) => c.start >= hour.start && c.start < hour.start + 3_600_000);
    expect(inside).toHaveLength(60);
    expect(hour.open).toBe(inside[0]!.open);
    expect(hour.close).toBe(inside[59]!.close);
    expect(hour.high).toBe(Math.max(...inside.map((c) => c.high)));
    expect(hour.low).toBe(Math.min(...inside.map((c) => c.low)));
    expect(hour.volume).toBeCloseTo(inside.reduce((s, c) => s + c.volume, 0), 6);
  });

  it('keeps the real SOL/USDT hourly bars intact although its 1m bars are synthetic', () => {
    const csv = readFileSync(new URL('../../../fixtures/candles/SOLUSDT-1h.backtesting-py.csv', import.meta.url), 'utf8').trim().split('\n');
    const lastRow = csv[csv.length - 1]!.split(',').slice(1).map(Number);
    const hours = market.get('SOLUSDT')!.candles('60').candles;
    const lastRealHour = hours.find((hour) => hour.start === HISTORY_END - 3_600_000)!;
    expect([lastRealHour.open, lastRealHour.high, lastRealHour.low, lastRealHour.close]).toEqual(lastRow.slice(0, 4));
  });
});

describe('SimMarket live walk', () => {
  it('replays identically for the same seed and start time, and differs for another seed', () => {
    const options = { startTime: START, tickMs: 250, syntheticSymbols: 1, realSymbols: ['SOLUSDT'] };
    const a = new SimMarket({ ...options, seed: 7 });
    const b = new SimMarket({ ...options, seed: 7 });
    const c = new SimMarket({ ...options, seed: 8 });
    a.advance(START + 5_000);
    b.advance(START + 2_000); // timers firing at different moments must not matter
    b.advance(START + 5_000);
    c.advance(START + 5_000);
    for (const symbol of a.symbols()) {
      expect(b.get(symbol)!.candles('1').query({ end: START + 5_000, limit: 5 })).toEqual(
        a.get(symbol)!.candles('1').query({ end: START + 5_000, limit: 5 }),
      );
      expect(b.get(symbol)!.candles('240').query({ end: START + 5_000, limit: 50 })).toEqual(
        a.get(symbol)!.candles('240').query({ end: START + 5_000, limit: 50 }),
      );
    }
    expect(a.symbols()).toEqual(['SOLUSDT', 'SIM01USDT']);
    expect(c.get('SIM01USDT')!.lastPrice()).not.toBe(a.get('SIM01USDT')!.lastPrice());
  });

  it('trades once per tick, on the tick grid, forming the current candle', () => {
    const m = new SimMarket({ startTime: START, seed: 3, tickMs: 100, syntheticSymbols: 0, realSymbols: ['BTCUSDT'] });
    const btc = m.get('BTCUSDT')!;
    const before = btc.sequence;
    m.advance(START + 1_000);
    expect(btc.sequence - before).toBe(10);
    const forming = btc.candles('1').last()!;
    expect(forming.start).toBe(Math.floor((START + 1_000) / 60_000) * 60_000);
    expect(Math.round(forming.close * 100) / 100).toBe(forming.close);
    expect(forming.volume).toBeGreaterThan(0);
  });

  it('moves the BTCUSDT price within every 15 s of trading, as a liquid market does', () => {
    // A straight leg from the open to an extreme equal to it once held the price for up to 68 s,
    // long enough to fail the dashboard's live-price check about one run in fifteen.
    const walk = new SimMarket({ startTime: START, seed: 1, tickMs: 1000, syntheticSymbols: 0, realSymbols: ['BTCUSDT'] });
    const btc = walk.get('BTCUSDT')!;
    let longestStill = 0;
    let still = 0;
    let previous = btc.lastPrice();
    for (let t = START; t < START + 3 * 3_600_000; t += 1000) {
      btc.advance(t);
      still = btc.lastPrice() === previous ? still + 1 : 0;
      previous = btc.lastPrice();
      longestStill = Math.max(longestStill, still);
    }
    expect(longestStill).toBeLessThan(15);
  });

  it('computes 24h ticker figures from the last day of 1m candles', () => {
    const btc = market.get('BTCUSDT')!;
    const stats = btc.ticker(START);
    const day = btc.candles('1').candles.filter((c) => c.start >= START - 86_400_000);
    expect(stats.prevPrice24h).toBe(day[0]!.open);
    expect(stats.highPrice24h).toBe(Math.max(...day.map((c) => c.high)));
    expect(stats.lowPrice24h).toBe(Math.min(...day.map((c) => c.low)));
    expect(stats.price24hPcnt).toBeCloseTo((stats.lastPrice - stats.prevPrice24h) / stats.prevPrice24h, 12);
    expect(stats.volume24h).toBeCloseTo(day.reduce((s, c) => s + c.volume, 0), 6);
  });
});

describe('SimMarket across restarts', () => {
  // Wire rows: a series built lazily from 1m bars sums volumes in another order than one fed per trade.
  const rows = (m: SimMarket, symbol: string, interval: BybitInterval, end: number) => {
    const sym = m.get(symbol)!;
    return sym.candles(interval).query({ end, limit: 1000 }).map((bar) => klineRow(sym.spec, bar));
  };

  it('serves identical candles for every shared open time when started at different times', () => {
    const options = { seed: 4, tickMs: 1000, syntheticSymbols: 1, realSymbols: ['BTCUSDT', 'SOLUSDT'] };
    const early = new SimMarket({ ...options, startTime: START });
    const later = START + 3 * 3_600_000 + 17 * 60_000 + 23_456;
    const late = new SimMarket({ ...options, startTime: later });
    // The early stand-in keeps running (live trades) until the late one starts.
    early.get('BTCUSDT')!.candles('60');
    for (let t = START; t <= later; t += 7_000) early.advance(t);
    early.advance(later);
    for (const symbol of early.symbols()) {
      for (const interval of ['1', '5', '60', '240'] as const) {
        const shared = rows(late, symbol, interval, later);
        expect(shared.length, `${symbol} ${interval}`).toBeGreaterThan(10);
        expect(rows(early, symbol, interval, later), `${symbol} ${interval}`).toEqual(shared);
      }
    }
  });

  it('refuses a start time before the history ends', () => {
    expect(() => new SimMarket({ startTime: HISTORY_END - 1, seed: 1, tickMs: 1000, syntheticSymbols: 1, realSymbols: [] })).toThrow(
      /startTime must be at or after the history's end 2026-11-01T00:00:00.000Z/,
    );
  });
});

describe('SimMarket lazily built intervals', () => {
  it('builds a coarse series after live trades exactly as one kept up to date from the start', () => {
    const options = { startTime: START, seed: 9, tickMs: 500, syntheticSymbols: 0, realSymbols: ['ETHBTC'] };
    const early = new SimMarket(options);
    const late = new SimMarket(options);
    early.get('ETHBTC')!.candles('15'); // built before the trades below
    early.advance(START + 40 * 60_000);
    late.advance(START + 40 * 60_000);
    // Compared as wire rows: summing volumes in another order may differ in the last float bit.
    const rows = (m: SimMarket) => {
      const sym = m.get('ETHBTC')!;
      return sym.candles('15').query({ end: START + 40 * 60_000, limit: 10 }).map((bar) => klineRow(sym.spec, bar));
    };
    expect(rows(late)).toEqual(rows(early));
  });

  it('refuses an unknown real symbol with the valid choices', () => {
    expect(() => new SimMarket({ startTime: START, seed: 1, tickMs: 1000, syntheticSymbols: 0, realSymbols: ['DOGEUSDT'] })).toThrow(
      /DOGEUSDT not simulated; choose from BTCUSDT, SOLUSDT, XRPETH, ETHBTC/,
    );
  });
});
