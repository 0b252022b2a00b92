import { describe, expect, it } from 'vitest';
import { columnsFromCandles } from './candle-columns.ts';
import { buyAndHold } from './report-benchmark.ts';

const T0 = Date.UTC(2024, 5, 1);
const cols = columnsFromCandles(
  [100, 110, 90, 120].map((close, i) => ({ openTime: T0 + i * 60_000, open: i === 0 ? 100 : close, high: close + 1, low: close - 1, close, volume: 1 })),
);
const costs = { initialQuote: 1000, takerFee: 0.001, slippageBps: 0, interval: '1m' as const };

describe('buy-and-hold benchmark', () => {
  it('spends the starting balance at the first open, pays the taker fee in base, and marks the holding at every close', () => {
    const { equity, metrics } = buyAndHold(cols, costs);
    // 1000 / 100 = 10 base, minus the 0.1% fee taken in base: 9.99.
    expect([...equity].map((e) => Number(e.toFixed(6)))).toEqual([999, 1098.9, 899.1, 1198.8]);
    expect(metrics.netReturn).toBeCloseTo(0.1988, 10);
    expect(metrics.maxDrawdown).toBeCloseTo((1098.9 - 899.1) / 1098.9, 10);
    expect(metrics.feesPaid).toBeCloseTo(1, 10);
    expect(metrics.exposure).toBe(1);
    expect(metrics.finalEquity).toBeCloseTo(1198.8, 6);
  });

  it('fills against the buyer by the slippage and covers only the trading window', () => {
    const { equity } = buyAndHold(cols, { ...costs, slippageBps: 10 }, 1, 3);
    expect(equity.length).toBe(2);
    // Bought at 110 × 1.001 in the window that starts at candle 1.
    expect(equity[1]).toBeCloseTo((1000 / (110 * 1.001)) * 0.999 * 90, 9);
    expect(() => buyAndHold(cols, costs, 2, 2)).toThrow(/empty buy-and-hold window/);
  });
});
