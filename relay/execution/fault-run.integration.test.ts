import { expect, it } from 'vitest';
import { runFaultPlacements } from './fault-run.ts';

/** Issue 12's fault run, scaled down (bench/fault-run.ts places 10,000): the relay in live mode, 10% of Bybit's private requests failing. */
it('places every order once under 10% transient faults: no duplicate, every intent matches the exchange', async () => {
  const run = await runFaultPlacements({ placements: 500, concurrency: 20, faultShare: 0.1 });
  // Faults did hit the creates: some were sent again after Bybit was asked and did not have them.
  expect(run.creates).toBeGreaterThan(run.placements);
  expect(run.duplicates).toBe(0);
  expect(run.orphans).toBe(0);
  expect(run.retryMismatches).toBe(0);
  expect(run.mismatches).toEqual([]);
  expect(run.unsettled).toBe(0);
  expect(run.ordersPerIntent).toBe(1);
  expect(run.successPct).toBeGreaterThanOrEqual(99.9);
}, 120_000);
