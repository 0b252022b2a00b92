/**
 * Hot reads return the same cached array (tickers, a closed candle range) to many requests; turning
 * it into JSON bytes once per cache entry instead of once per request keeps those reads cheap (the
 * per-request string-to-Buffer copy alone showed in the tail latency). Keyed by
 * the array's identity, so a new cache entry is serialised afresh and an evicted one is collected.
 */
const bodies = new WeakMap<object, Buffer>();

export function serializeOnce(source: object, body: () => unknown): Buffer {
  let bytes = bodies.get(source);
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(body()));
    bodies.set(source, bytes);
  }
  return bytes;
}
