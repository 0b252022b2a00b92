import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCandleFile } from '../backtest/candle-files.ts';
import { allocateColumns, sliceColumns, type CandleColumns } from '../backtest/candle-columns.ts';
import { runBacktest } from '../backtest/engine.ts';
import { BacktestConfigSchema } from '../backtest/schemas.ts';
import { BTCUSDT_RULES } from '../../relay/exchange/test-instrument.ts';
import { STRATEGY_IDS, strategyEntry } from './registry.ts';
import { InvalidParamsError, type PositionView } from './strategy.ts';
import type { OhlcvCandle } from '../market/schemas.ts';

/**
 * Contract suite for every registered strategy on real BTC/USDT 1m candles: determinism, the
 * accounting identity, warm-up, and no look-ahead (freqtrade lookahead-analysis style: truncate or
 * rewrite the future and require the past to stay identical).
 */
const FIXTURE = new URL('../../fixtures/candles/BTC_USDT-1m.binance-spot.anisarrar-backup.json', import.meta.url);
const ALL = parseCandleFile(readFileSync(FIXTURE, 'utf8'));
const cols = sliceColumns(ALL, 0, 12_000);

const config = BacktestConfigSchema.parse({
  symbol: 'BTCUSDT',
  interval: '1m',
  slippageBps: 2,
  instrument: BTCUSDT_RULES,
});

/** Short periods so each strategy trades often on 12k candles. */
const PARAMS: Record<string, unknown> = {
  'ema-rsi': { fastPeriod: 9, slowPeriod: 21 },
  'bollinger-reversion': { period: 20, stdDev: 2 },
  'donchian-atr': { entryPeriod: 20, exitPeriod: 10 },
};

function copyColumns(src: CandleColumns): CandleColumns {
  const out = allocateColumns(src.length);
  for (const key of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const) out[key].set(src[key]);
  return out;
}

describe.each(STRATEGY_IDS)('strategy %s', (id) => {
  const strategy = strategyEntry(id).bind(PARAMS[id]);
  const full = runBacktest(cols, strategy, config);

  it('trades on real data', () => {
    expect(full.metrics.tradeCount).toBeGreaterThan(5);
  });

  it('gives the same result for the same input', () => {
    const again = runBacktest(cols, strategy, config);
    expect(again.metrics).toEqual(full.metrics);
    expect(again.trades).toEqual(full.trades);
  });

  it('never trades before its warm-up is over', () => {
    expect(full.trades[0]!.entryTime).toBeGreaterThanOrEqual(cols.openTime[strategy.warmupBars]!);
  });

  it('keeps equity = initial quote + pnl of all trades + dust left at every sampled step', () => {
    let dusty = 0;
    for (let end = 500; end <= cols.length; end += 731) {
      const run = runBacktest(cols, strategy, config, { end });
      const pnl = run.trades.reduce((sum, t) => sum + t.pnl, 0);
      // Base-denominated buy fees leave dust below one lot after a sell-all; it is in no trade's pnl.
      if (run.dust > 0) dusty++;
      expect(run.dust).toBeLessThan(1e-6);
      expect(run.metrics.finalEquity).toBeCloseTo(config.initialQuote + pnl + run.dust * cols.close[end - 1]!, 6);
      expect(run.metrics.finalEquity).toBeGreaterThan(0);
    }
    expect(dusty).toBeGreaterThan(0);
  });

  it('decides the same whether its runner reuses one candle object or passes a fresh one (it must not keep the candle)', () => {
    const decide = (reuse: boolean) => {
      let state = strategy.init();
      const shared: OhlcvCandle = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
      const position: PositionView = { base: 0, entryPrice: NaN };
      const decisions: string[] = [];
      for (let i = 0; i < 4_000; i++) {
        const fresh: OhlcvCandle = { openTime: cols.openTime[i]!, open: cols.open[i]!, high: cols.high[i]!, low: cols.low[i]!, close: cols.close[i]!, volume: cols.volume[i]! };
        const result = strategy.step(state, reuse ? Object.assign(shared, fresh) : fresh, position);
        state = result.state;
        for (const intent of result.intents) {
          decisions.push(`${i} ${JSON.stringify(intent)}`);
          // Fill market orders at once, so the strategy walks through entries and exits.
          if (intent.type === 'market') {
            position.base = intent.side === 'buy' ? 1 : 0;
            position.entryPrice = intent.side === 'buy' ? fresh.close : NaN;
          }
        }
      }
      return decisions;
    };
    const fresh = decide(false);
    expect(fresh.length).toBeGreaterThan(10);
    expect(decide(true)).toEqual(fresh);
  });

  it('decides the past identically when the future is cut off', () => {
    for (const end of [1_000, 4_321, 9_999]) {
      const cut = runBacktest(cols, strategy, config, { end });
      expect(Array.from(cut.equity!)).toEqual(Array.from(full.equity!.subarray(0, end)));
      const closed = cut.trades.filter((t) => t.exitTime !== null);
      expect(closed).toEqual(full.trades.slice(0, closed.length));
    }
  });

  it('decides the past identically when the future is rewritten', () => {
    const pivot = 6_000;
    const altered = copyColumns(cols);
    for (let i = pivot; i < altered.length; i++) {
      // Mirror the future price path around the pivot close: a crash where there was a rally.
      const ref = cols.close[pivot - 1]!;
      const o = (2 * ref) - cols.open[i]!, c = (2 * ref) - cols.close[i]!;
      altered.open[i] = o;
      altered.close[i] = c;
      altered.high[i] = Math.max(o, c) * 1.0005;
      altered.low[i] = Math.min(o, c) * 0.9995;
    }
    const rerun = runBacktest(altered, strategy, config);
    expect(Array.from(rerun.equity!.subarray(0, pivot))).toEqual(Array.from(full.equity!.subarray(0, pivot)));
  });
});

describe('strategy parameters', () => {
  it('fills defaults and rejects out-of-bounds values with the field name', () => {
    expect(strategyEntry('ema-rsi').bind({}).params).toMatchObject({ fastPeriod: 12, slowPeriod: 26, rsiPeriod: 14 });
    expect(() => strategyEntry('ema-rsi').bind({ fastPeriod: 30, slowPeriod: 20 })).toThrow(/fastPeriod must be shorter/);
    expect(() => strategyEntry('bollinger-reversion').bind({ period: 1 })).toThrow(InvalidParamsError);
    expect(() => strategyEntry('donchian-atr').bind({ atrMultiple: 'wide' })).toThrow(/atrMultiple/);
    // A misspelt key must not silently run the defaults.
    expect(() => strategyEntry('ema-rsi').bind({ fastPeriode: 9 })).toThrow(
      /unknown param "fastPeriode"; valid params: fastPeriod, slowPeriod, rsiPeriod, rsiEntryMax, rsiExit, allocation/,
    );
    expect(() => strategyEntry('bollinger-reversion').bind({ period: 20, std: 2, exit: 'upper' })).toThrow(/unknown params "std", "exit"; valid params: period, stdDev/);
    expect(() => strategyEntry('donchian-atr').bind({ atrMult: 3 })).toThrow(InvalidParamsError);
  });

  it('names the known strategies when an id is unknown', () => {
    expect(() => strategyEntry('nope')).toThrow(/ema-rsi, bollinger-reversion, donchian-atr/);
  });
});
