/**
 * Hot reads return the same cached array (tickers, a closed candle range) to many requests; turning
 * it into JSON once per cache entry instead of once per request keeps those reads cheap. Keyed by
 * the array's identity, so a new cache entry is serialised afresh and an evicted one is collected.
 */
const bodies = new WeakMap<object, string>();

export function serializeOnce(source: object, body: () => unknown): string {
  let json = bodies.get(source);
  if (json === undefined) {
    json = JSON.stringify(body());
    bodies.set(source, json);
  }
  return json;
}
