import { describe, expect, it } from 'vitest';
import type { Candle } from '../../shared/market/index.ts';
import { serializedCandleBytes } from './market-service.ts';
import { TtlCache } from './ttl-cache.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('TtlCache', () => {
  it('serves a value until its TTL passes, then loads again', async () => {
    let clock = 1_000;
    const cache = new TtlCache<string>({ maxWeight: 10, now: () => clock });
    let loads = 0;
    const load = async () => `v${++loads}`;

    expect(await cache.getOrLoad('k', 500, load)).toBe('v1');
    clock += 499;
    expect(await cache.getOrLoad('k', 500, load)).toBe('v1');
    clock += 1;
    expect(await cache.getOrLoad('k', 500, load)).toBe('v2');
  });

  it('coalesces concurrent misses for one key into a single load', async () => {
    const cache = new TtlCache<number>({ maxWeight: 10 });
    const upstream = deferred<number>();
    let loads = 0;
    const load = () => {
      loads++;
      return upstream.promise;
    };
    const results = Promise.all([cache.getOrLoad('k', 1000, load), cache.getOrLoad('k', 1000, load)]);
    upstream.resolve(42);
    expect(await results).toEqual([42, 42]);
    expect(loads).toBe(1);
  });

  it('does not cache a failure: the next call retries upstream', async () => {
    const cache = new TtlCache<number>({ maxWeight: 10 });
    await expect(cache.getOrLoad('k', 1000, () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.getOrLoad('k', 1000, async () => 7)).toBe(7);
  });

  it('evicts the least recently used entries once the weight bound is passed', async () => {
    const cache = new TtlCache<number[]>({ maxWeight: 5, weigh: (v) => v.length });
    await cache.getOrLoad('a', 1000, async () => [1, 2]);
    await cache.getOrLoad('b', 1000, async () => [1, 2]);
    await cache.getOrLoad('a', 1000, async () => [9]); // touch a: b is now the oldest
    await cache.getOrLoad('c', 1000, async () => [1, 2]);
    expect(cache.size).toBe(2);
    expect(await cache.getOrLoad('a', 1000, async () => [0])).toEqual([1, 2]);
    expect(await cache.getOrLoad('b', 1000, async () => [3])).toEqual([3]);
  });

  it('serves but does not keep a value above the per-entry bound', async () => {
    const cache = new TtlCache<number[]>({ maxWeight: 10, maxEntryWeight: 3, weigh: (v) => v.length });
    await cache.getOrLoad('small', 1000, async () => [1, 2]);
    expect(await cache.getOrLoad('big', 1000, async () => [1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    expect(cache.size).toBe(1);
    expect(cache.totalWeight).toBe(2);
  });

  it('skips storing a value heavier than the whole cache', async () => {
    const cache = new TtlCache<number[]>({ maxWeight: 2, weigh: (v) => v.length });
    await cache.getOrLoad('big', 1000, async () => [1, 2, 3]);
    expect(cache.size).toBe(0);
  });

  it('bounds candle ranges by their serialized size, not their count', async () => {
    const range = (n: number, t0: number): Candle[] =>
      Array.from({ length: n }, (_, i) => ({ openTime: t0 + i * 60_000, open: 20_000.5, high: 20_100.25, low: 19_900.75, close: 20_050.125, volume: 12.3456, turnover: 246_913.5 }));
    const oneRange = serializedCandleBytes(range(1_000, 0));
    expect(oneRange).toBe(Buffer.byteLength(JSON.stringify(range(1_000, 0))));
    const cache = new TtlCache<Candle[]>({ maxWeight: 3.5 * oneRange, weigh: serializedCandleBytes });
    for (let k = 0; k < 10; k++) await cache.getOrLoad(`r${k}`, 60_000, async () => range(1_000, k * 1e9));
    expect(cache.size).toBe(3);
    expect(cache.totalWeight).toBeLessThanOrEqual(3.5 * oneRange);
    // A range with wider numbers weighs more per candle: bytes, not candles, fill the cache.
    await cache.getOrLoad('wide', 60_000, async () => range(1_000, 0).map((c) => ({ ...c, open: 0.1 + 0.2, high: 0.1 + 0.7, low: 1 / 3, close: 2 / 3, volume: 1 / 7, turnover: 5 / 7 })));
    expect(cache.size).toBe(2);
  });
});
