import { afterAll, describe, expect, it } from 'vitest';
import { compareParams, ComparisonConfigSchema } from '../../shared/backtest/index.ts';
import { BTC_CONFIG, btcColumns } from '../../shared/backtest/test-dataset.ts';
import { strategyEntry } from '../../shared/strategy/index.ts';
import { createSimulationPool } from './simulation-pool.ts';

const pool = createSimulationPool(1);
afterAll(() => pool.close());

describe('the simulation pool', () => {
  it('runs a comparison on a worker thread with the same result as in-process, the event loop free meanwhile', async () => {
    const cols = btcColumns(20_000);
    const entry = strategyEntry('ema-rsi');
    const comparison = ComparisonConfigSchema.parse({});
    const task = { kind: 'compare' as const, cols, strategyId: 'ema-rsi', baselineParams: {}, candidateParams: { fastPeriod: 9 }, config: BTC_CONFIG, comparison };
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await pool.run(task);
    clearInterval(timer);
    expect(result.report).toEqual(await compareParams(cols, entry, {}, { fastPeriod: 9 }, BTC_CONFIG, comparison));
    expect(ticks).toBeGreaterThan(2);
  });

  it('answers a task that fails with its error, and keeps working', async () => {
    const task = { kind: 'compare' as const, cols: btcColumns(5), strategyId: 'ema-rsi', baselineParams: {}, candidateParams: {}, config: BTC_CONFIG, comparison: ComparisonConfigSchema.parse({}) };
    await expect(pool.run(task)).rejects.toThrow(/not enough candles/);
    await expect(pool.run({ ...task, cols: btcColumns(3000) })).resolves.toMatchObject({ kind: 'compare' });
  });
});
