import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderListResponse } from '../../shared/execution/index.ts';
import { AuditPageSchema } from '../../shared/audit/schemas.ts';
import { ParityResponseSchema, RunnerStatusResponseSchema, type RunnerStatus } from '../../shared/runner/schemas.ts';
import { startRelayOverStandIn, type RelayOverStandIn } from '../relay-over-standin.ts';
import { oneActiveVersion } from './test-active-versions.ts';

const MINUTE = 60_000;
const activeVersions = oneActiveVersion();

describe('an active version trading on paper over the Bybit stand-in, across a relay restart', () => {
  let setup: RelayOverStandIn;

  beforeAll(async () => {
    setup = await startRelayOverStandIn({ tickMs: 200, realSymbols: ['BTCUSDT'] }, () => ({}), { activeVersions });
  }, 30_000);
  afterAll(() => setup?.close());

  const status = async (): Promise<RunnerStatus> => {
    const { status: code, body } = await setup.api('GET', '/strategies/ema-rsi/runner');
    expect(code).toBe(200);
    return RunnerStatusResponseSchema.parse(body).runner;
  };
  const orders = async () => (((await setup.api('GET', '/orders')).body as OrderListResponse).orders).filter((o) => o.strategyId === 'ema-rsi');

  /** Minutes pass on the exchange one at a time; each closed candle reaches the run and is acted on. */
  async function minutesPass(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const before = (await status()).lastCandle;
      setup.sim.advanceTime(MINUTE);
      let now = before;
      for (let polls = 0; polls < 400 && now === before; polls++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        now = (await status()).lastCandle;
      }
      expect(now, `minute ${i + 1} was acted on`).not.toBe(before);
    }
  }

  it('acts on each closed candle once and places every decision once, before and after a restart; the kill switch halts it', async () => {
    const first = await status();
    expect(first).toMatchObject({ strategyId: 'ema-rsi', version: 3, state: 'running', symbol: 'BTCUSDT', interval: '1m', lastCandle: null });

    await minutesPass(25);
    const beforeRestart = await status();
    const placedBefore = await orders();
    expect(placedBefore.length).toBeGreaterThan(0);
    expect(beforeRestart.ordersPlaced).toBe(placedBefore.length);

    await setup.restartRelay();
    const resumed = await status();
    // Same activation, same run: the same keys for the same decisions.
    expect(resumed).toMatchObject({ runId: beforeRestart.runId, lastCandle: beforeRestart.lastCandle, ordersPlaced: placedBefore.length, state: 'running' });
    expect(await orders()).toHaveLength(placedBefore.length);

    await minutesPass(25);
    const after = await orders();
    const keys = after.map((o) => o.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(after.every((o) => o.venue === 'paper' && o.status !== 'unknown')).toBe(true);

    // Every decision reached the execution service once: one accepted intent per order, by the run as actor.
    const audit = AuditPageSchema.parse((await setup.api('GET', '/audit?kind=order.intent&limit=500')).body);
    const accepted = audit.entries.filter((e) => e.payload.outcome === 'accepted' && e.payload.strategyId === 'ema-rsi');
    expect(accepted.map((e) => e.payload.idempotencyKey).sort()).toEqual([...keys].sort());
    expect(new Set(accepted.map((e) => e.actor))).toEqual(new Set([`runner:${beforeRestart.runId}`]));
    // Each key is `<candle open time>-<hash>`: no candle decided twice under different keys either.
    const candlesActedOn = keys.map((k) => Number(k.split('-')[0]));
    expect(new Set(candlesActedOn).size).toBe(candlesActedOn.length);

    const parity = ParityResponseSchema.parse((await setup.api('GET', '/strategies/ema-rsi/parity')).body);
    expect(parity.from).toBe(first.firstCandle);
    expect(parity.summary.matched).toBeGreaterThan(0);
    for (const row of parity.rows.filter((r) => r.status === 'matched')) expect(row.live!.entry.time).toBe(row.backtest!.entry.time);

    const kill = await setup.api('POST', '/orders/cancel-all');
    expect(kill.status).toBe(200);
    expect((kill.body as { haltedStrategies: string[] }).haltedStrategies).toEqual([beforeRestart.runId]);
    const halted = await status();
    expect(halted.state).toBe('halted');
    setup.sim.advanceTime(5 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await status()).lastCandle).toBe(halted.lastCandle);
    expect(await orders()).toHaveLength(after.length);

    // A halted run stays halted through a restart.
    await setup.restartRelay();
    expect((await status()).state).toBe('halted');
  }, 120_000);
});
