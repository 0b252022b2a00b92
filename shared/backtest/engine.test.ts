import { describe, expect, it } from 'vitest';
import { columnsFromCandles } from './candle-columns.ts';
import { runBacktest } from './engine.ts';
import { backtestReport } from './report.ts';
import { BTC_CONFIG, btcColumns } from './test-dataset.ts';
import { strategyEntry } from '../strategy/registry.ts';
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

/**
 * Emits `script[i]` after candle i closes; the simplest strategy that pins one rule. `seen`, when
 * given, collects the position base the strategy was shown at each candle.
 */
function scripted(script: Record<number, OrderIntent[]>, warmupBars = 0, seen?: number[]): BoundStrategy {
  return {
    id: 'scripted',
    version: '1',
    params: {},
    warmupBars,
    indicators: [],
    init: () => ({ index: 0 }),
    step(state, _candle, position) {
      seen?.push(position.base);
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
  it('fills a market buy at the next candle open with the taker fee taken in base', () => {
    const cols = candles([[100, 101, 99, 100], [102, 103, 101, 102], [102, 102, 102, 102]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll] }), config());
    // qty = floor(1000 / 102, 0.001) = 9.803 (no fee headroom: the fee is paid in base);
    // cost 9.803 * 102 = 999.906 quote; base received 9.803 * 0.999 = 9.793197;
    // fee 0.009803 base = 0.999906 quote at 102; equity at 102 = 0.094 + 9.793197 * 102 = 1000 - 0.999906
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]).toMatchObject({ entryTime: MIN, entryPrice: 102, qty: '9.803', exitTime: null });
    expect(r.trades[0]!.fees).toBeCloseTo(0.999906, 9);
    expect(r.equity![0]).toBe(1000);
    expect(r.equity![1]).toBeCloseTo(1000 - 0.999906, 9);
    expect(r.trades[0]!.pnl).toBeCloseTo(-0.999906, 9);
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
    // buy qty = floor(1000 / 100) = 10.000 for 1000 quote, receives 10 * 0.999 = 9.990 base (fee 0.01 base = 1 quote);
    // sell 9.990 * 110 = 1098.9 - fee 1.0989 = 1097.8011; pnl 1097.8011 - 1000 = 97.8011; no dust left
    const t = r.trades[0]!;
    expect(t).toMatchObject({ entryPrice: 100, exitPrice: 110, qty: '10.000', exitTime: 2 * MIN });
    expect(t.pnl).toBeCloseTo(1098.9 - 1.0989 - 1000, 9);
    expect(r.metrics.finalEquity).toBeCloseTo(1000 + t.pnl, 9);
    expect(r.dust).toBeCloseTo(0, 12);
    expect(r.metrics.winRate).toBe(1);
    expect(r.metrics.feesPaid).toBeCloseTo(1 + 1.0989, 9);
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
    // qty = floor(1000 / 98, 0.001) = floor(10.2040...) = 10.204; fee 10.204 * 0.0005 base, valued at 98
    expect(r.trades[0]).toMatchObject({ entryTime: 3 * MIN, entryPrice: 98, qty: '10.204' });
    expect(r.trades[0]!.fees).toBeCloseTo(10.204 * 98 * 0.0005, 9);
    // While resting, the reserved quote still counts as equity.
    expect(r.equity![1]).toBe(1000);
  });

  it('fills a limit sell only when a later candle trades above the price', () => {
    const sell: OrderIntent = { type: 'limit', side: 'sell', fraction: 1, price: 105 };
    const cols = candles([[100, 100, 100, 100], [100, 100, 100, 100], [101, 105, 100, 104], [104, 106, 103, 105]]);
    const r = runBacktest(cols, scripted({ 0: [buyAll], 1: [sell] }), config());
    // buys 10.000 at 100 and holds 9.990 after the base fee; the limit sells those 9.990 at 105
    expect(r.trades[0]).toMatchObject({ exitTime: 3 * MIN, exitPrice: 105 });
    expect(r.trades[0]!.fees).toBeCloseTo(10 * 100 * 0.001 + 9.99 * 105 * 0.001, 9);
    expect(r.trades[0]!.pnl).toBeCloseTo(9.99 * 105 * 0.999 - 1000, 9);
  });

  it("takes a buy's fee from the base received; the later sell can only sell what is held, floored to basePrecision", () => {
    const cols = candles([[100, 100, 100, 100], [102, 102, 102, 102], [110, 110, 110, 110]]);
    const seen: number[] = [];
    const r = runBacktest(cols, scripted({ 0: [buyAll], 1: [sellAll] }, 0, seen), config());
    // buy 9.803 at 102 = 999.906 quote; held 9.803 * 0.999 = 9.793197 base, of which 9.793 is sellable
    expect(seen[1]).toBeCloseTo(9.793, 12);
    // sell 9.793 at 110 = 1077.23 - fee 1.07723 = 1076.15277; pnl 1076.15277 - 999.906 = 76.24677
    const t = r.trades[0]!;
    expect(t).toMatchObject({ entryPrice: 102, qty: '9.803', exitTime: 2 * MIN });
    expect(t.exitPrice).toBeCloseTo(110, 9);
    expect(t.pnl).toBeCloseTo(1076.15277 - 999.906, 9);
    expect(t.fees).toBeCloseTo(9.803 * 0.001 * 102 + 1.07723, 9);
    expect(seen[2]).toBe(0);
    // 0.000197 base of dust stays: equity = cash 0.094 + 1076.15277 + 0.000197 * 110 = 1076.26844
    expect(r.dust).toBeCloseTo(0.000197, 12);
    expect(r.metrics.finalEquity).toBeCloseTo(1076.26844, 9);
    expect(r.metrics.finalEquity).toBeCloseTo(1000 + t.pnl + r.dust * 110, 9);
  });

  it('keeps dust below one lot in equity and sells it once a later buy tops it up to a whole lot', () => {
    const flat: Bar = [100, 100, 100, 100];
    const cols = candles([flat, flat, flat, flat, flat, flat]);
    const buy = (fraction: number): OrderIntent => ({ type: 'market', side: 'buy', fraction });
    const r = runBacktest(cols, scripted({ 0: [buy(0.0404)], 1: [sellAll], 2: [buy(0.0405)], 3: [sellAll] }), config());
    // trip 1: buy 0.0404 * 1000 / 100 = 0.404 for 40.4, holds 0.403596: sells 0.403 for 40.3 - 0.0403;
    //   pnl 40.2597 - 40.4 = -0.1403, cash 999.8597, dust 0.000596
    // trip 2: buy floor(0.0405 * 999.8597 / 100) = 0.404 for 40.4, holds 0.000596 + 0.403596 = 0.404192:
    //   sells 0.404 (one lot more than this buy delivered) for 40.4 - 0.0404; pnl -0.0404, dust 0.000192
    expect(r.trades.map((t) => [t.qty, t.exitTime])).toEqual([['0.404', 2 * MIN], ['0.404', 4 * MIN]]);
    expect(r.trades[0]!.pnl).toBeCloseTo(-0.1403, 9);
    expect(r.trades[1]!.pnl).toBeCloseTo(-0.0404, 9);
    expect(r.dust).toBeCloseTo(0.000192, 12);
    // closes: 1000 | 959.6 + 40.3596 | 999.8597 + 0.0596 | 959.4597 + 40.4192 | 999.8193 + 0.0192 (x2)
    const expected = [1000, 999.9596, 999.9193, 999.8789, 999.8385, 999.8385];
    Array.from(r.equity!).forEach((e, k) => expect(e).toBeCloseTo(expected[k]!, 9));
    expect(r.metrics.finalEquity).toBeCloseTo(1000 - 0.1403 - 0.0404 + 0.0192, 9);
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

describe('reported prices and quantities', () => {
  it('lie on the tick and lot grid as exact decimals, with no float artefacts such as 65297.630000000005', async () => {
    const cols = btcColumns(5000);
    const { report } = await backtestReport(cols, strategyEntry('ema-rsi').bind({ fastPeriod: 5, slowPeriod: 13 }), { ...BTC_CONFIG, slippageBps: 3 });
    expect(report.trades.length).toBeGreaterThan(20);
    const onTick = /^\d+(\.\d{1,2})?$/; // tickSize 0.01
    for (const t of report.trades) {
      expect(String(t.entryPrice)).toMatch(onTick);
      if (t.exitPrice !== null) expect(String(t.exitPrice)).toMatch(onTick);
      expect(t.qty).toMatch(/^\d+\.\d{6}$/); // basePrecision 0.000001
    }
  });

  it('averages several fills to the nearest tick', () => {
    // 0.999 at 100.01 (10% of 1000 quote), then 0.899 at 100.02 (10% of the 900.09 left), no fee:
    // the lot-weighted average 100.014736... is reported as its nearest tick.
    const cols = candles([[100, 100, 100, 100], [100.01, 100.01, 100.01, 100.01], [100.02, 100.02, 100.02, 100.02], [100, 100, 100, 100], [100, 100, 100, 100]]);
    const tenth: OrderIntent = { type: 'market', side: 'buy', fraction: 0.1 };
    const r = runBacktest(cols, scripted({ 0: [tenth], 1: [tenth], 2: [sellAll] }), config({ takerFee: 0 }));
    expect(r.trades).toHaveLength(1);
    expect(r.trades[0]!.qty).toBe('1.898');
    expect(r.trades[0]!.entryPrice).toBe(100.01);
    expect(r.trades[0]!.exitPrice).toBe(100);
  });
});
