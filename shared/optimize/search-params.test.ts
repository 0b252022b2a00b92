import { describe, expect, it } from 'vitest';
import { runBacktest } from '../backtest/engine.ts';
import { BTC_CONFIG, btcColumns } from '../backtest/test-dataset.ts';
import { strategyEntry } from '../strategy/registry.ts';
import { numericParamBounds } from './param-bounds.ts';
import { drawCandidates, searchParams } from './search-params.ts';

const emaRsi = strategyEntry('ema-rsi');
const cols = btcColumns(3000);

describe('bounded parameter search', () => {
  it("reads each numeric param's bounds from the strategy's zod schema", () => {
    expect(numericParamBounds(emaRsi.paramsSchema)).toEqual([
      { key: 'fastPeriod', integer: true, min: 2, max: 200 },
      { key: 'slowPeriod', integer: true, min: 3, max: 400 },
      { key: 'rsiPeriod', integer: true, min: 2, max: 100 },
      { key: 'rsiEntryMax', integer: false, min: 50, max: 95 },
      { key: 'rsiExit', integer: false, min: 50, max: 99 },
      { key: 'allocation', integer: false, min: 0, max: 1 },
    ]);
    // A choice (exitAt) is not drawn; it keeps the base value.
    expect(numericParamBounds(strategyEntry('bollinger-reversion').paramsSchema).map((b) => b.key)).toEqual(['period', 'stdDev', 'stopLoss', 'allocation']);
  });

  it('draws seeded candidates inside the bounds and skips the ones cross-field rules refuse', () => {
    const { candidates, refused } = drawCandidates(emaRsi, 40, 7);
    expect(candidates).toHaveLength(40);
    // Uniform draws put fast >= slow or rsiEntryMax >= rsiExit often enough to be seen in 40.
    expect(refused).toBeGreaterThan(0);
    for (const c of candidates) {
      expect(Number.isInteger(c.fastPeriod) && Number.isInteger(c.slowPeriod)).toBe(true);
      expect(c.fastPeriod as number).toBeLessThan(c.slowPeriod as number);
      expect(c.rsiEntryMax as number).toBeLessThan(c.rsiExit as number);
      expect(c.allocation as number).toBeGreaterThan(0);
      expect(c.allocation as number).toBeLessThanOrEqual(1);
    }
    expect(drawCandidates(emaRsi, 40, 7)).toEqual({ candidates, refused });
    expect(drawCandidates(emaRsi, 40, 8).candidates).not.toEqual(candidates);
    const bollinger = drawCandidates(strategyEntry('bollinger-reversion'), 5, 1, { exitAt: 'upper' });
    expect(bollinger.candidates.every((c) => c.exitAt === 'upper')).toBe(true);
  });

  it('ranks candidates by their score on the given range only, included params first on a tie', () => {
    const range = { start: 1000, end: 2000 };
    const result = searchParams(cols, emaRsi, BTC_CONFIG, { range, candidates: 6, seed: 3, score: 'sharpe', include: [{}] });
    expect(result.ranked).toHaveLength(7);
    const scores = result.ranked.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(result.best).toBe(result.ranked[0]);
    for (const r of result.ranked) expect(r.metrics).toEqual(runBacktest(cols, emaRsi.bind(r.params), { ...BTC_CONFIG, recordSeries: false }, range).metrics);
    expect(result.ranked.map((r) => r.params)).toContainEqual(emaRsi.parseParams({}));
  });

  it('ranks candidates that trade too little after those that trade enough', () => {
    const range = { start: 0, end: 3000 };
    // Far apart EMAs on 3000 1m candles barely cross; the defaults trade often.
    const rare = { fastPeriod: 150, slowPeriod: 400 };
    const plain = searchParams(cols, emaRsi, BTC_CONFIG, { range, candidates: 1, seed: 1, score: 'sharpe', include: [rare, {}] });
    const minTrades = plain.ranked.find((r) => r.params.fastPeriod === 12)!.metrics.tradeCount;
    const withMin = searchParams(cols, emaRsi, BTC_CONFIG, { range, candidates: 1, seed: 1, score: 'sharpe', include: [rare, {}], minTrades });
    const enough = withMin.ranked.map((r) => r.metrics.tradeCount >= minTrades);
    expect(enough).toContain(false);
    expect(enough).toEqual([...enough].sort((a, b) => Number(b) - Number(a)));
    expect(withMin.best.metrics.tradeCount).toBeGreaterThanOrEqual(minTrades);
  });

  it('never reads a candle after the range it scores', () => {
    const range = { start: 500, end: 1500 };
    const options = { range, candidates: 6, seed: 5, score: 'netReturn' as const };
    const changed = btcColumns(3000);
    for (let i = range.end; i < changed.length; i++) changed.close[i] = changed.open[i] = changed.high[i] = changed.low[i] = 1;
    expect(searchParams(changed, emaRsi, BTC_CONFIG, options)).toEqual(searchParams(cols, emaRsi, BTC_CONFIG, options));
  });
});
