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

  it('replays the look-back before showFrom but returns and stores only the values from it on', async () => {
    const api = createIndicatorWorkerApi(freshStore());
    const rsi = parseIndicatorSpec({ name: 'rsi' });
    const showFrom = candles[1000]!.openTime;
    const opened = await api.open(key, rsi, candles.slice(0, 1500), showFrom);
    const full = computeIndicator(rsi, candles.slice(0, 1500));
    expect(opened.series.time[0]).toBe(showFrom);
    expect(Array.from(opened.series.values.value!)).toEqual(Array.from(full.values.value!.subarray(1000)));
    const stored = await api.readStored(key, rsi, candles[0]!.openTime, candles[1499]!.openTime);
    expect(stored.time[0]).toBe(showFrom);
  });

  it('previews the forming candle provisionally; its close gives the batch value and is stored, the preview is not', async () => {
    const store = freshStore();
    const api = createIndicatorWorkerApi(store);
    await api.open(key, macd, candles.slice(0, 2000));
    const closed = candles[2000]!;
    const ticks = [
      { ...closed, close: closed.open, high: closed.open, low: closed.open, volume: 0 },
      { ...closed, close: closed.high },
    ];
    for (const tick of ticks) {
      const asIfClosed = computeIndicator(macd, [...candles.slice(0, 2000), tick]);
      const result = await api.onFormingCandle(key.id, tick);
      expect(result).toEqual({
        kind: 'provisional',
        time: closed.openTime,
        values: { macd: asIfClosed.values.macd![2000], signal: asIfClosed.values.signal![2000], histogram: asIfClosed.values.histogram![2000] },
      });
    }
    const beforeClose = await api.readStored(key, macd, closed.openTime, closed.openTime);
    expect(beforeClose.time.length).toBe(0);
    const full = computeIndicator(macd, candles.slice(0, 2001));
    const result = await api.onClosedCandle(key.id, closed);
    expect(result).toMatchObject({ kind: 'point', values: { macd: full.values.macd![2000], signal: full.values.signal![2000] } });
    expect(await api.onFormingCandle(key.id, closed)).toEqual({ kind: 'stale' });
  });

  it('reports a forming candle after a missed close as a gap, so the chart re-opens', async () => {
    const api = createIndicatorWorkerApi(null);
    await api.open(key, ema20, candles.slice(0, 100));
    expect((await api.onFormingCandle(key.id, candles[100])).kind).toBe('provisional');
    // candle 100 never closed; the stream moves on to 101.
    expect(await api.onFormingCandle(key.id, candles[101])).toEqual({ kind: 'gap', lastTime: candles[99]!.openTime });
    expect(await api.onClosedCandle(key.id, candles[101])).toEqual({ kind: 'gap', lastTime: candles[99]!.openTime });
    expect(() => api.onFormingCandle(key.id, { ...candles[100], close: NaN })).toThrow('close must be a finite number, not NaN');
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
