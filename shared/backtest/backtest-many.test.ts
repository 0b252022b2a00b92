import { describe, expect, it } from 'vitest';
import { backtestMany } from './backtest-many.ts';
import { allocateColumns, type CandleColumns } from './candle-columns.ts';
import { DatasetIndicators, SharedSeriesError } from './dataset-indicators.ts';
import { runBacktest, type RunRange } from './engine.ts';
import { BTC_CONFIG, btcColumns, metricBits as bits } from './test-dataset.ts';
import { STRATEGY_IDS, strategyEntry } from '../strategy/registry.ts';
import { donchianChannel, registeredIndicator, type FeedSpec, type FeedValues } from '../strategy/indicator-feeds.ts';
import { InvalidParamsError } from '../strategy/strategy.ts';
import type { OhlcvCandle } from '../market/schemas.ts';

const cols = btcColumns(6000);
const config = { ...BTC_CONFIG, slippageBps: 2 };

/** Every combination of the listed values: candidates that share some indicators and not others. */
function grid(axes: Record<string, readonly unknown[]>): Record<string, unknown>[] {
  return Object.entries(axes).reduce<Record<string, unknown>[]>(
    (combos, [key, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value }))),
    [{}],
  );
}

const CANDIDATES: Record<string, Record<string, unknown>[]> = {
  'ema-rsi': [
    ...grid({ fastPeriod: [5, 9, 12], slowPeriod: [13, 26, 40], rsiPeriod: [7, 14], rsiEntryMax: [60, 70] }),
    { fastPeriod: 3, slowPeriod: 4, rsiPeriod: 2, rsiEntryMax: 94, rsiExit: 99, allocation: 0.37 },
    { fastPeriod: 50, slowPeriod: 400, rsiPeriod: 100 },
  ],
  'bollinger-reversion': [
    ...grid({ period: [10, 20, 40], stdDev: [1.5, 2, 2.7], exitAt: ['middle', 'upper'], stopLoss: [0.003, 0.05] }),
    { period: 5, stdDev: 0.5, allocation: 0.25 },
    { period: 400, stdDev: 5 },
  ],
  'donchian-atr': [
    ...grid({ entryPeriod: [10, 20, 55], exitPeriod: [5, 10], atrPeriod: [7, 14], atrMultiple: [0.5, 2, 4.5] }),
    { entryPeriod: 5, exitPeriod: 2, atrPeriod: 2, atrMultiple: 10 },
    { entryPeriod: 400, exitPeriod: 400, atrPeriod: 100 },
  ],
};

const RANGES: RunRange[] = [{}, { start: 1500 }, { start: 700, end: 4200 }, { end: 2500 }];

describe.each(STRATEGY_IDS)('backtestMany, %s', (id) => {
  const entry = strategyEntry(id);
  const candidates = CANDIDATES[id]!;

  it.each(RANGES)('gives every candidate the metrics of its own independent run, bit for bit (range %o)', (range) => {
    const many = backtestMany(cols, entry, candidates, config, range);
    expect(many).toHaveLength(candidates.length);
    const independent = candidates.map((p) => runBacktest(cols, entry.bind(p), { ...config, recordSeries: false }, range).metrics);
    expect(many.map(bits)).toEqual(independent.map(bits));
    // Not a vacuous comparison: the candidates trade, and differently from one another.
    expect(independent.filter((m) => m.tradeCount > 0).length).toBeGreaterThan(candidates.length / 2);
    expect(new Set(independent.map((m) => m.finalEquity)).size).toBeGreaterThan(candidates.length / 3);
  });
});

describe('backtestMany shares indicator series', () => {
  it('computes each distinct series once: 3 fast EMAs + 3 slow EMAs + 2 RSIs for 36 ema-rsi candidates', () => {
    const indicators = new DatasetIndicators(cols);
    const candidates = grid({ fastPeriod: [5, 9, 12], slowPeriod: [13, 26, 40], rsiPeriod: [7, 14], rsiEntryMax: [60, 70] });
    backtestMany(cols, strategyEntry('ema-rsi'), candidates, config, {}, indicators);
    expect(indicators.computedSeries).toBe(8);
    // A later batch over the same dataset reuses them.
    backtestMany(cols, strategyEntry('ema-rsi'), [{ fastPeriod: 9, slowPeriod: 40, rsiPeriod: 7 }], config, {}, indicators);
    expect(indicators.computedSeries).toBe(8);
  });

  it('keys a series by the row its run starts feeding at, since a recursive indicator depends on its seed', () => {
    const indicators = new DatasetIndicators(cols);
    // Warm-ups max(26, 15) + 1 = 27 and max(40, 15) + 1 = 41 start the fast EMA(9) at rows 973 and 959.
    const candidates = [{ fastPeriod: 9, slowPeriod: 26 }, { fastPeriod: 9, slowPeriod: 40 }];
    const many = backtestMany(cols, strategyEntry('ema-rsi'), candidates, config, { start: 1000 }, indicators);
    expect(indicators.computedSeries).toBe(6);
    const independent = candidates.map((p) => runBacktest(cols, strategyEntry('ema-rsi').bind(p), { ...config, recordSeries: false }, { start: 1000 }).metrics);
    expect(many.map(bits)).toEqual(independent.map(bits));
  });

  it('stays exact when its cache is too small to keep the series, recomputing what it dropped', () => {
    const tight = new DatasetIndicators(cols, cols.length, 2 * cols.length);
    const candidates = CANDIDATES['donchian-atr']!;
    const many = backtestMany(cols, strategyEntry('donchian-atr'), candidates, config, {}, tight);
    expect(tight.computedSeries).toBeGreaterThan(3 * 2 + 2);
    expect(many.map(bits)).toEqual(backtestMany(cols, strategyEntry('donchian-atr'), candidates, config).map(bits));
  });
});

/** What a feed gives on each candle from `from` on, each output copied (a shared feed's values are getters over its current row). */
function readAll(feed: { next(c: OhlcvCandle): FeedValues | null }, outputs: readonly string[], source: CandleColumns, from: number, to: number): (Record<string, number> | null)[] {
  const candle: OhlcvCandle = { openTime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const out: (Record<string, number> | null)[] = [];
  for (let i = from; i < to; i++) {
    Object.assign(candle, { openTime: source.openTime[i], open: source.open[i], high: source.high[i], low: source.low[i], close: source.close[i], volume: source.volume[i] });
    const values = feed.next(candle);
    out.push(values === null ? null : Object.fromEntries(outputs.map((output) => [output, values[output]!])));
  }
  return out;
}

describe('shared indicator feeds', () => {
  const specs: FeedSpec[] = [
    registeredIndicator({ name: 'ema', params: { period: 12 } }),
    registeredIndicator({ name: 'rsi', params: { period: 14 } }),
    registeredIndicator({ name: 'atr', params: { period: 14 } }),
    registeredIndicator({ name: 'bb', params: { period: 20, stdDev: 2 } }),
    donchianChannel(20),
  ];

  it.each(specs.map((spec) => [JSON.stringify(spec.use), spec] as const))('%s: the same values and warm-up nulls as the streamed indicator, from any start', (_, spec) => {
    const indicators = new DatasetIndicators(cols, 3000);
    for (const from of [0, 1, 37, 2000]) {
      const streamed = readAll(spec.stream(), spec.outputs, cols, from, 3000);
      const shared = readAll(indicators.open(spec), spec.outputs, cols, from, 3000);
      expect(shared).toEqual(streamed);
      expect(streamed.findIndex((v) => v !== null)).toBeGreaterThan(0);
      // Object.is: the same numbers to the bit, 0 and −0 apart.
      const differing = streamed.filter((v, i) => spec.outputs.some((output) => !Object.is(shared[i]?.[output], v?.[output])));
      expect(differing).toEqual([]);
    }
  });

  it('refuses a candle that is not the next row of its dataset', () => {
    const indicators = new DatasetIndicators(cols, 3000);
    const feed = indicators.open(specs[0]!);
    const row = (i: number): OhlcvCandle => ({ openTime: cols.openTime[i]!, open: cols.open[i]!, high: cols.high[i]!, low: cols.low[i]!, close: cols.close[i]!, volume: cols.volume[i]! });
    feed.next(row(10));
    expect(() => feed.next(row(12))).toThrow(SharedSeriesError);
    expect(() => indicators.open(specs[0]!).next({ ...row(5), openTime: row(5).openTime + 1 })).toThrow(/is not in rows \[0, 3000\) of this dataset/);
    expect(() => indicators.open(specs[0]!).next(row(3000))).toThrow(/is not in rows \[0, 3000\)/);
    const other = indicators.open(specs[0]!);
    other.next(row(0));
    expect(() => other.next({ ...row(1), close: row(1).close + 1 })).toThrow(/is not row 1 of the dataset/);
  });
});

describe('backtestMany input', () => {
  it('refuses invalid params before running anything, naming the candidate', () => {
    const run = () => backtestMany(cols, strategyEntry('ema-rsi'), [{ fastPeriod: 5 }, { fastPeriod: 30 }], config);
    expect(run).toThrow(InvalidParamsError);
    expect(run).toThrow(/candidate 1: invalid params for ema-rsi: .*Fast EMA period must be shorter/s);
    expect(() => backtestMany(cols, strategyEntry('ema-rsi'), [{ fastPeriode: 5 }], config)).toThrow(/candidate 0: .*unknown param "fastPeriode"/s);
  });

  it('refuses shared indicators of another dataset', () => {
    const copy = allocateColumns(cols.length);
    expect(() => backtestMany(cols, strategyEntry('ema-rsi'), [{}], config, {}, new DatasetIndicators(copy))).toThrow(/computed for another dataset/);
  });

  it('gives an empty list for no candidates', () => {
    expect(backtestMany(cols, strategyEntry('ema-rsi'), [], config)).toEqual([]);
  });
});
