import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { Router } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { listenForTest, type TestApi } from './listen-for-test.ts';
import { sendSerialized, serializeOnce } from './serialize-once.ts';

describe('serializeOnce', () => {
  it('builds the body and its ETag once per source object and reuses them', () => {
    const candles = [{ openTime: 1, close: 2 }];
    let builds = 0;
    const build = () => {
      builds++;
      return { symbol: 'BTCUSDT', candles };
    };
    const first = serializeOnce(candles, build);
    expect(serializeOnce(candles, build)).toBe(first);
    expect(builds).toBe(1);
    expect(JSON.parse(first.bytes.toString())).toEqual({ symbol: 'BTCUSDT', candles });
    expect(first.etag).toMatch(/^"[\w-]{27}"$/);
  });

  it('serialises a different source object afresh, with its own ETag', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const bodyA = serializeOnce(a, () => ({ tickers: a, n: 1 }));
    const bodyB = serializeOnce(b, () => ({ tickers: b, n: 2 }));
    expect(bodyA.bytes.toString()).toBe('{"tickers":[],"n":1}');
    expect(bodyB.bytes.toString()).toBe('{"tickers":[],"n":2}');
    expect(bodyA.etag).not.toBe(bodyB.etag);
  });
});

/** Raw node:http, so the test sees the bytes on the wire (fetch would decompress them). */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

describe('sendSerialized', () => {
  const big = Array.from({ length: 200 }, (_, i) => ({ openTime: i * 60_000, close: 100 + i }));
  const small = [{ symbol: 'BTCUSDT' }];
  let api: TestApi;
  afterEach(() => api.close());

  async function serve(): Promise<void> {
    const router = Router();
    router.get('/big', (req, res) => sendSerialized(req, res, serializeOnce(big, () => ({ candles: big }))));
    router.get('/small', (req, res) => sendSerialized(req, res, serializeOnce(small, () => ({ tickers: small }))));
    api = await listenForTest(router);
  }

  it('answers gzip to a caller that accepts it and plain JSON to one that does not', async () => {
    await serve();
    const zipped = await get(`${api.apiUrl}/big`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual({ candles: big });

    const plain = await get(`${api.apiUrl}/big`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual({ candles: big });
    expect(plain.headers.etag).not.toBe(zipped.headers.etag);
  });

  it('sends small bodies uncompressed even when gzip is accepted', async () => {
    await serve();
    const res = await get(`${api.apiUrl}/small`, { 'accept-encoding': 'gzip' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ tickers: small });
  });

  it('answers a conditional GET for the same representation with 304 and no body', async () => {
    await serve();
    for (const encoding of ['gzip', 'identity']) {
      const first = await get(`${api.apiUrl}/big`, { 'accept-encoding': encoding });
      const again = await get(`${api.apiUrl}/big`, { 'accept-encoding': encoding, 'if-none-match': String(first.headers.etag) });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
    }
  });
});
