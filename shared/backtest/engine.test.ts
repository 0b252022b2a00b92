import { describe, expect, it } from 'vitest';
import { columnsFromCandles } from './candle-columns.ts';
import { runBacktest } from './engine.ts';
import { BacktestConfigSchema, type BacktestConfigInput } from './schemas.ts';
import type { OrderIntent } from '../strategy/intents.ts';
import { NO_INTENTS, type BoundStrategy } from '../strategy/strategy.ts';

/**
 * Fill-model scenario table (freqtrade BTContainer style): tiny hand-written candles, a scripted
 * strategy that emits fixed intents on fixed candles, and hand-computed expectations.
 */
const MIN = 60_000;
type Bar = [open: number, high: number, low: number, close: number];

function candles(bars: Bar[]) {
  return columnsFromCandles(bars.map(([open, high, low, close], i) => ({ openTime: i * MIN, open, high, low, close, volume: 1 })));
}

/** Emits `script[i]` after candle i closes; the simplest strategy that pins one rule. */
function scripted(script: Record<number, OrderIntent[]>, warmupBars = 0): BoundStrategy {
  return {
    id: 'scripted',
    version: '1',
    params: {},
    warmupBars,
    indicators: [],
    init: () => ({ index: 0 }),
    step(state) {
      const s = state as { index: number };
      const intents = script[s.index] ?? NO_INTENTS;
      s.index++;
      return { state: s, intents };
    },
  };
}

function config(overrides: Partial<BacktestConfigInput> = {}) {
  return BacktestConfigSchema.parse({
    symbol: 'TESTUSDT',
    interval: '1m',
    initialQuote: 1000,
    instrument: {
      symbol: 'TESTUSDT',
      tickSize: '0.01',
      basePrecision: '0.001',
      minOrderQty: '0.001',
      maxOrderQty: '1000',
      minOrderAmt: '5',
      maxOrderAmt: '1000000',
    },
    ...overrides,
  });
}

const buyAll: OrderIntent = { type: 'market', side: 'buy', fraction: 1 };
const sellAll: OrderIntent = { type: 'market', side: 'sell', fraction: 1 };

describe('fill model scenarios', () => {
  it('fills a market buy at the next candle open with the taker fee', () => {
    const cols = candles([[100, 101, 99, 100], [102, 103, 101, 102], [102, 102, 102, 102]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll] }), config());
    // qty = floor(1000 / (102 * 1.001), 0.001) = 9.794; cost 998.988; fee 0.998988
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ entryTime: MIN, entryPrice: 102, qty: '9.794', exitTime: null });
    expect(r.trades[0]!.fees).toBeCloseTo(0.998988, 9);
    expect(r.equity![0]).toBe(1000);
    expect(r.equity![1]).toBeCloseTo(1000 - 0.998988, 9);
  });

  it('adds slippage against the trader and rounds the fill price to the tick', () => {
    const cols = candles([[100, 101, 99, 100], [102, 103, 101, 102], [110, 111, 109, 110]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll], 1: [sellAll] }), config({ slippageBps: 10 }));
    // buy: 102 * 1.001 = 102.102 -> ceil tick 102.11; sell: 110 * 0.999 = 109.89 -> floor tick 109.89
    expect(r.trades[0]!.entryPrice).toBe(102.11);
    expect(r.trades[0]!.exitPrice).toBe(109.89);
  });

  it('computes round-trip pnl net of both fees', () => {
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100], [110, 110, 110, 110]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll], 1: [sellAll] }), config());
    // qty = floor(1000 / 100.1) = 9.99; buy 999 + fee 0.999; sell 1098.9 - fee 1.0989
    const t = r.trades[0]!;
    expect(t).toMatchObject({ entryPrice: 100, exitPrice: 110, qty: '9.990', exitTime: 2 * MIN });
    expect(t.pnl).toBeCloseTo(1098.9 - 999 - 0.999 - 1.0989, 9);
    expect(r.metrics.finalEquity).toBeCloseTo(1000 + t.pnl, 9);
    expect(r.metrics.winRate).toBe(1);
    expect(r.metrics.feesPaid).toBeCloseTo(0.999 + 1.0989, 9);
  });

  it('fills a limit buy only when a later candle trades through the price', () => {
    const limit: OrderIntent = { type: 'limit', side: 'buy', fraction: 1, price: 98 };
    const cols = candles([
      [100, 101, 99, 100],
      [100, 101, 98.5, 99], // does not reach 98
      [99, 100, 98, 99], // touches 98 but does not trade through
      [99, 99, 97.9, 98.5], // trades through: fills at 98 with maker fee
    ]);
    const r = runBacktest(cols, scripted({ 0: [limit] }), config({ makerFee: 0.0005 }));
    expect(r.trades).toHaveLength(1);
    // qty = floor(1000 / (98 * 1.0005), 0.001) = floor(10.19898...) = 10.198
    expect(r.trades[0]).toMatchObject({ entryTime: 3 * MIN, entryPrice: 98, qty: '10.198' });
    expect(r.trades[0]!.fees).toBeCloseTo(10.198 * 98 * 0.0005, 9);
    // While resting, the reserved quote still counts as equity.
    expect(r.equity![1]).toBe(1000);
  });

  it('fills a limit sell only when a later candle trades above the price', () => {
    const sell: OrderIntent = { type: 'limit', side: 'sell', fraction: 1, price: 105 };
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100], [101, 105, 100, 104], [104, 106, 103, 105]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll], 1: [sell] }), config());
    expect(r.trades[0]).toMatchObject({ exitTime: 3 * MIN, exitPrice: 105 });
    expect(r.trades[0]!.fees).toBeCloseTo(9.99 * 100 * 0.001 + 9.99 * 105 * 0.001, 9);
  });

  it('never fills a limit on the candle that decided it', () => {
    const cols = candles([[100, 100, 90, 95], [95, 96, 94, 95]]);
    const r = runBacktest(cols, scripted({ 0: [{ type: 'limit', side: 'buy', fraction: 1, price: 92 }] }), config());
    expect(r.trades).toHaveLength(0);
  });

  it('cancels a limit after its ttl and releases the reserved quote', () => {
    const cols = candles([[100, 100, 100, 100], [100, 100, 99, 100], [100, 100, 99, 100], [100, 100, 90, 100]]);
    const r = runBacktest(cols, scripted({ 0: [{ type: 'limit', side: 'buy', fraction: 1, price: 95, ttlBars: 2 }] }), config());
    expect(r.trades).toHaveLength(0);
    expect(r.metrics.finalEquity).toBe(1000);
  });

  it('rejects an order below minOrderAmt and keeps the balance', () => {
    const cols = candles([[100, 100, 100, 100], [102, 102, 102, 102]]);
    // 4 USDT buys 0.039 at 102 = 3.978 < 5
    const r = runBacktest(cols, scripted({ 0: [{ type: 'market', side: 'buy', fraction: 0.004 }] }), config());
    expect(r.trades).toHaveLength(0);
    expect(r.metrics.rejectedOrders).toBe(1);
    expect(r.rejections[0]).toMatchObject({ time: MIN, reason: 'below-min-notional' });
    expect(r.metrics.finalEquity).toBe(1000);
  });

  it('fills a gapped sell stop at the open, not at the stop price', () => {
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100], [96, 97, 95.5, 96], [94, 95, 93, 94]]);
    const stop: OrderIntent = { type: 'stop', side: 'sell', fraction: 1, stopPrice: 95 };
    const r = runBacktest(cols, scripted({ 0: [buyAll], 1: [stop] }), config());
    expect(r.trades[0]).toMatchObject({ exitTime: 3 * MIN, exitPrice: 94 });
  });

  it('measures the drawdown from the running peak', () => {
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100], [120, 120, 120, 120], [90, 90, 90, 90], [110, 110, 110, 110]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll] }), config({ takerFee: 0 }));
    // 10 units at 100: equity 1000, 1000, 1200, 900, 1100 -> max drawdown (1200-900)/1200
    expect(Array.from(r.equity!)).toEqual([1000, 1000, 1200, 900, 1100]);
    expect(r.metrics.maxDrawdown).toBeCloseTo(0.25, 12);
    expect(r.drawdown![3]).toBeCloseTo(0.25, 12);
    expect(r.metrics.exposure).toBe(4 / 5);
  });

  it('ignores intents emitted before the trading window starts', () => {
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100], [100, 100, 100, 100]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll] }, 1), config(), { start: 1 });
    expect(r.trades).toHaveLength(0);
    expect(r.equity).toHaveLength(2);
  });

  it('sells only what is held (spot: no shorting)', () => {
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100]]);
    const r = runBacktest(cols, scripted({ 0: [sellAll] }), config());
    expect(r.trades).toHaveLength(0);
    expect(r.rejections[0]!.reason).toBe('zero-qty');
  });
});
