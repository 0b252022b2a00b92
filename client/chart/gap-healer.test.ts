import { describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import type { HealRange } from './candle-gap.ts';
import { GapHealer } from './gap-healer.ts';

const candle = (openTime: number, close = 1): Candle => ({ openTime, open: 1, high: 2, low: 0.5, close, volume: 1, turnover: 1 });
const range = (from: number, to: number): HealRange => ({ from, to, replace: false });

/** A healer whose loads resolve only when the test says so, recording what happened in order. */
function harness() {
  const loads: Array<{ range: HealRange; resolve: (c: Candle[]) => void; reject: (e: unknown) => void }> = [];
  const log: string[] = [];
  const healer = new GapHealer({
    load: (r) => new Promise((resolve, reject) => loads.push({ range: r, resolve, reject })),
    apply: (candles, r) => log.push(`apply ${r.from}-${r.to}: ${candles.map((c) => c.openTime).join(',')}`),
    reapplyLive: (c) => log.push(`live ${c.openTime}:${c.close}`),
    failed: (err) => log.push(`failed ${String(err)}`),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { healer, loads, log, settle };
}

describe('GapHealer', () => {
  it('fetches once per gap and folds gaps reported meanwhile into one follow-up', async () => {
    const { healer, loads, log, settle } = harness();
    healer.request(range(10, 12));
    healer.request(range(13, 13));
    healer.request(range(20, 21));
    expect(loads.map((l) => l.range)).toEqual([range(10, 12)]);
    loads[0]?.resolve([candle(10), candle(11), candle(12)]);
    await settle();
    expect(loads.map((l) => l.range)).toEqual([range(10, 12), range(13, 21)]);
    loads[1]?.resolve([candle(13)]);
    await settle();
    expect(loads).toHaveLength(2);
    expect(log).toEqual(['apply 10-12: 10,11,12', 'apply 13-21: 13']);
  });

  it('re-applies the newest streamed candle after the merge so a slower fetch cannot roll it back', async () => {
    const { healer, loads, log, settle } = harness();
    healer.noteLive(candle(14, 5));
    healer.request(range(10, 13));
    healer.noteLive(candle(14, 6));
    healer.noteLive(candle(14, 7));
    loads[0]?.resolve([candle(10)]);
    await settle();
    expect(log).toEqual(['apply 10-13: 10', 'live 14:7']);
  });

  it('reports a broken load and keeps serving later gaps', async () => {
    const { healer, loads, log, settle } = harness();
    healer.request(range(1, 2));
    loads[0]?.reject(new Error('IndexedDB closed'));
    await settle();
    healer.request(range(3, 4));
    expect(loads).toHaveLength(2);
    expect(log).toEqual(['failed Error: IndexedDB closed']);
  });

  it('drops results and queued work after dispose', async () => {
    const { healer, loads, log, settle } = harness();
    healer.request(range(1, 2));
    healer.request(range(5, 6));
    healer.dispose();
    loads[0]?.resolve([candle(1)]);
    await settle();
    healer.request(range(7, 8));
    expect(loads).toHaveLength(1);
    expect(log).toEqual([]);
  });
});
