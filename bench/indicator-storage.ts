/**
 * Which IndexedDB layout for indicator values: one row per candle value, or one row per
 * 1024-candle time bucket with typed-array columns (what client/indicators stores). Writes and
 * reads one EMA series over the real 43,199-candle BTC 1m month in headless chromium.
 * Run: npx tsx bench/indicator-storage.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { computeIndicator, parseIndicatorSpec } from '../shared/indicators/index.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../shared/indicators/fixture-candles.ts';
import { launchChromium } from '../tests/e2e/harness.ts';

const CHUNK = 1024;

const candles = loadFixtureCandles(BTC_1M_FIXTURE);
const series = computeIndicator(parseIndicatorSpec({ name: 'ema', params: { period: 20 } }), candles);
const data = { time: Array.from(series.time), value: Array.from(series.values.value!), chunk: CHUNK };
console.log(`data: EMA(20) over ${candles.length} real BTC/USDT 1m candles (${BTC_1M_FIXTURE})`);

// IndexedDB needs a real origin; an empty page on loopback is enough.
const server = createServer((_req, res) => res.end('<!doctype html><title>bench</title>'));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.evaluate('globalThis.__name = (fn) => fn');
  const result = await page.evaluate(async ({ time, value, chunk }) => {
    const open = () =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('bench-storage', 1);
        req.onupgradeneeded = () => {
          req.result.createObjectStore('rows', { keyPath: ['symbol', 'interval', 'indicator', 'paramsHash', 'time'] });
          req.result.createObjectStore('chunks', { keyPath: ['symbol', 'interval', 'indicator', 'paramsHash', 'chunkStart'] });
        };
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const done = (tx: IDBTransaction) => new Promise<void>((resolve, reject) => ((tx.oncomplete = () => resolve()), (tx.onerror = () => reject(tx.error))));
    const readAll = (db: IDBDatabase, store: string) =>
      new Promise<unknown[]>((resolve) => {
        const req = db.transaction(store).objectStore(store).getAll(IDBKeyRange.bound(['BTCUSDT', '1m', 'ema', 'h', 0], ['BTCUSDT', '1m', 'ema', 'h', Infinity]));
        req.onsuccess = () => resolve(req.result);
      });
    const db = await open();
    const id = { symbol: 'BTCUSDT', interval: '1m', indicator: 'ema', paramsHash: 'h' };
    const span = chunk * 60_000;

    let t0 = performance.now();
    let tx = db.transaction('rows', 'readwrite');
    time.forEach((t, i) => tx.objectStore('rows').put({ ...id, time: t, values: { value: value[i] } }));
    await done(tx);
    const rowsWrite = performance.now() - t0;
    t0 = performance.now();
    const rows = await readAll(db, 'rows');
    const rowsRead = performance.now() - t0;

    t0 = performance.now();
    tx = db.transaction('chunks', 'readwrite');
    for (let begin = 0; begin < time.length; ) {
      const chunkStart = Math.floor(time[begin]! / span) * span;
      let end = begin;
      while (end < time.length && time[end]! < chunkStart + span) end++;
      tx.objectStore('chunks').put({ ...id, chunkStart, outputs: ['value'], time: Float64Array.from(time.slice(begin, end)), columns: [Float64Array.from(value.slice(begin, end))] });
      begin = end;
    }
    await done(tx);
    const chunksWrite = performance.now() - t0;
    t0 = performance.now();
    const chunks = await readAll(db, 'chunks');
    const chunksRead = performance.now() - t0;
    return { rows: rows.length, rowsWrite, rowsRead, chunks: chunks.length, chunksWrite, chunksRead };
  }, data);
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log(`one row per value: ${result.rows} rows — write ${f(result.rowsWrite)}, read ${f(result.rowsRead)}`);
  console.log(`one row per ${CHUNK}-candle bucket: ${result.chunks} rows — write ${f(result.chunksWrite)}, read ${f(result.chunksRead)}`);
} finally {
  await browser.close();
  server.close();
}
