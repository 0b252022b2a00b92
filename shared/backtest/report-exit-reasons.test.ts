import { describe, expect, it } from 'vitest';
import { columnsFromCandles } from './candle-columns.ts';
import { backtestReport } from './report.ts';
import { BTC_CONFIG, btcColumns } from './test-dataset.ts';
import type { OrderIntent } from '../strategy/intents.ts';
import { STRATEGIES, strategyEntry } from '../strategy/registry.ts';
import { NO_INTENTS, type BoundStrategy } from '../strategy/strategy.ts';

const T0 = Date.UTC(2024, 5, 1);
const at = (i: number) => T0 + i * 60_000;

/** Places the given orders when candle i closes: the smallest strategy whose exits are known in advance. */
function scripted(script: Record<number, OrderIntent[]>): BoundStrategy {
  const byTime = new Map(Object.entries(script).map(([i, intents]) => [at(Number(i)), intents]));
  return { id: 'scripted', version: '1', params: {}, warmupBars: 0, indicators: [], init: () => null, step: (state, candle) => ({ state, intents: byTime.get(candle.openTime) ?? NO_INTENTS }) };
}

describe('exit reasons from the strategy\'s order tags', () => {
  it('names the resting stop that was hit, the market sell that beat a resting stop, and nothing for an open trade', async () => {
    // BTC-like prices, so the whole balance is within BTCUSDT's order limits.
    const lows = [69_900, 69_900, 69_900, 60_000, 69_900, 69_900, 69_900, 69_900];
    const cols = columnsFromCandles(lows.map((low, i) => ({ openTime: at(i), open: 70_000, high: 70_100, low, close: 70_000, volume: 1 })));
    const strategy = scripted({
      0: [{ type: 'market', side: 'buy', fraction: 1, tag: 'in' }],
      2: [{ type: 'stop', side: 'sell', fraction: 1, stopPrice: 65_000, tag: 'stop' }],
      3: [{ type: 'market', side: 'buy', fraction: 1, tag: 'in' }],
      5: [
        { type: 'stop', side: 'sell', fraction: 1, stopPrice: 50_000, tag: 'far-stop' },
        { type: 'market', side: 'sell', fraction: 1, tag: 'take' },
      ],
      6: [{ type: 'market', side: 'buy', fraction: 1 }],
    });
    const { report } = await backtestReport(cols, strategy, BTC_CONFIG);
    expect(report.trades.map((t) => [t.entryTime, t.exitTime, t.exitTag])).toEqual([
      [at(1), at(3), 'stop'],
      [at(4), at(6), 'take'],
      [at(7), null, null],
    ]);
  });

  it('gives every closed trade of the shipped strategies one of the tags the strategy words', async () => {
    const cols = btcColumns(3000);
    for (const [id, params] of [['ema-rsi', { fastPeriod: 5, slowPeriod: 13 }], ['bollinger-reversion', {}], ['donchian-atr', {}]] as const) {
      const { report } = await backtestReport(cols, strategyEntry(id).bind(params), BTC_CONFIG);
      const closed = report.trades.filter((t) => t.exitTime !== null);
      expect(closed.length, id).toBeGreaterThan(0);
      for (const t of closed) expect(Object.keys(STRATEGIES[id]!.orderTags), id).toContain(t.exitTag);
    }
  });
});
