import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * Hot reads return the same cached array (tickers, a closed candle range) to many requests; the
 * work of turning it into a response is done once per cache entry instead of once per request:
 * the JSON bytes, their ETag (Express would otherwise SHA-1 the 130 KB candle body on every
 * request) and, on first demand, the gzip variant (a quarter of the bytes to write per request).
 * Keyed by the array's identity, so a new cache entry is serialised afresh and an evicted one is
 * collected.
 */
export interface SerializedBody {
  bytes: Buffer;
  etag: string;
  gzip: { bytes: Buffer; etag: string } | null;
}

const bodies = new WeakMap<object, SerializedBody>();

/** Smaller bodies are sent as they are: gzip would cost more than the bytes it saves. */
const GZIP_MIN_BYTES = 1024;

export function serializeOnce(source: object, body: () => unknown): SerializedBody {
  let serialized = bodies.get(source);
  if (serialized === undefined) {
    const bytes = Buffer.from(JSON.stringify(body()));
    serialized = { bytes, etag: entityTag(bytes, ''), gzip: null };
    bodies.set(source, serialized);
  }
  return serialized;
}

/** Sends a serialised JSON body, gzipped when the caller accepts it; conditional GETs get a 304. */
export function sendSerialized(req: Request, res: Response, body: SerializedBody): void {
  res.type('json').vary('accept-encoding');
  if (body.bytes.length >= GZIP_MIN_BYTES && req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    body.gzip ??= gzippedVariant(body.bytes);
    res.set({ 'content-encoding': 'gzip', etag: body.gzip.etag }).send(body.gzip.bytes);
    return;
  }
  res.set('etag', body.etag).send(body.bytes);
}

function gzippedVariant(bytes: Buffer): { bytes: Buffer; etag: string } {
  const gzipped = gzipSync(bytes);
  return { bytes: gzipped, etag: entityTag(bytes, '-gzip') };
}

/** A strong validator: identical bytes, identical tag; each encoding is its own representation. */
function entityTag(bytes: Buffer, suffix: string): string {
  return `"${createHash('sha1').update(bytes).digest('base64url')}${suffix}"`;
}
