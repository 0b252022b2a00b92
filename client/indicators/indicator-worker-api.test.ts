import 'fake-indexeddb/auto';
import * as Comlink from 'comlink';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { computeIndicator, parseIndicatorSpec } from '../../shared/indicators/index.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../../shared/indicators/fixture-candles.ts';
import { IndicatorDb } from './indicator-db.ts';
import { IndicatorValueStore } from './indicator-value-store.ts';
import { createIndicatorWorkerApi, type IndicatorWorkerApi } from './indicator-worker-api.ts';

const candles = loadFixtureCandles(BTC_1M_FIXTURE).slice(0, 3000);
const key = { id: 'ema-1', symbol: 'BTCUSDT', interval: '1m' as const };
const ema20 = parseIndicatorSpec({ name: 'ema', params: { period: 20 } });
const macd = parseIndicatorSpec({ name: 'macd' });

let dbs: IndicatorDb[] = [];
function freshStore(): IndicatorValueStore {
  const db = new IndicatorDb(`worker-test-${dbs.length}-${Date.now()}`);
  dbs.push(db);
  return new IndicatorValueStore(db);
}
afterEach(async () => {
  await Promise.all(dbs.map((db) => db.delete()));
  dbs = [];
});

describe('indicator worker api (called directly)', () => {
  it('batch series equals the shared engine', () => {
    const api = createIndicatorWorkerApi(null);
    const series = api.computeSeries(macd, candles);
    const expected = computeIndicator(macd, candles);
    expect(series.outputs).toEqual(['macd', 'signal', 'histogram']);
    expect(Array.from(series.values.histogram!)).toEqual(Array.from(expected.values.histogram!));
  });

  it('continues a session one closed candle at a time, matching a full recompute', async () => {
    const api = createIndicatorWorkerApi(freshStore());
    const opened = await api.open(key, ema20, candles.slice(0, 2000));
    expect(opened.persistError).toBeNull();
    expect(opened.series.time.length).toBe(2000);
    const full = computeIndicator(ema20, candles);
    for (let i = 2000; i < 2010; i++) {
      const result = await api.onClosedCandle(key.id, candles[i]);
      expect(result).toEqual({ kind: 'point', time: candles[i]!.openTime, values: { value: full.values.value![i] }, persistError: null });
    }
  });

  it('reports warm-up, replays, gaps and unknown sessions instead of corrupting state', async () => {
    const api = createIndicatorWorkerApi(null);
    await api.open(key, ema20, candles.slice(0, 5));
    expect(await api.onClosedCandle(key.id, candles[5])).toEqual({ kind: 'warming' });
    expect(await api.onClosedCandle(key.id, candles[5])).toEqual({ kind: 'stale' });
    expect(await api.onClosedCandle(key.id, candles[8])).toEqual({ kind: 'gap', lastTime: candles[5]!.openTime });
    expect(await api.onClosedCandle('nope', candles[6])).toEqual({ kind: 'unknown' });
    api.close(key.id);
    expect(await api.onClosedCandle(key.id, candles[6])).toEqual({ kind: 'unknown' });
  });

  it('rejects malformed messages with the offending field named', async () => {
    const api = createIndicatorWorkerApi(null);
    expect(() => api.computeSeries({ name: 'ema', params: { period: 0 } }, candles)).toThrow(/period must be at least 1/);
    expect(() => api.computeSeries(ema20, [{ openTime: 1, open: 'x' }])).toThrow(/invalid candles/);
    await expect(api.open({ id: 'a', symbol: 'BTCUSDT', interval: '2m' }, ema20, [])).rejects.toThrow(/interval must be one of/);
  });

  it('persists opened series and live points, readable back by key and time range', async () => {
    const api = createIndicatorWorkerApi(freshStore());
    await api.open(key, ema20, candles.slice(0, 2500));
    await api.onClosedCandle(key.id, candles[2500]);
    const full = computeIndicator(ema20, candles.slice(0, 2501));
    const from = candles[100]!.openTime;
    const to = candles[2500]!.openTime;
    const stored = await api.readStored(key, ema20, from, to);
    expect(stored.time.length).toBe(2401);
    expect(Array.from(stored.values.value!)).toEqual(Array.from(full.values.value!.slice(100)));
  });
});

describe('indicator worker over comlink (MessageChannel)', () => {
  it('round-trips batch, sessions and errors through structured clone', async () => {
    const { port1, port2 } = new MessageChannel();
    Comlink.expose(createIndicatorWorkerApi(null), port1 as unknown as Comlink.Endpoint);
    const remote = Comlink.wrap<IndicatorWorkerApi>(port2 as unknown as Comlink.Endpoint);
    try {
      const series = await remote.computeSeries(ema20, candles);
      expect(series.values.value).toBeInstanceOf(Float64Array);
      expect(Array.from(series.values.value!)).toEqual(Array.from(computeIndicator(ema20, candles).values.value!));

      const opened = await remote.open(key, ema20, candles.slice(0, 100));
      expect(opened.series.time.length).toBe(100);
      const next = await remote.onClosedCandle(key.id, candles[100]);
      expect(next.kind).toBe('point');
      await expect(remote.computeSeries({ name: 'nope' }, [])).rejects.toThrow(/name must be one of/);
    } finally {
      remote[Comlink.releaseProxy]();
      port1.close();
      port2.close();
    }
  });
});
