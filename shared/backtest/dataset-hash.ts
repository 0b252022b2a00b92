import type { CandleColumns } from './candle-columns.ts';
import { COLUMN_NAMES } from './candle-columns.ts';
import { sha256Label } from '../strategy-versions/params-hash.ts';

/** Typed arrays use the platform's byte order; the canonical bytes are little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * `sha256-<64 hex>`: SHA-256 over the canonical candle bytes of rows [from, to), row by row, each
 * row openTime, open, high, low, close, volume as little-endian IEEE-754 float64 (48 bytes a row).
 * Same candles give the same hash in the browser and in Node (WebCrypto in both), so a
 * SimulationRun names exactly the data it used and anyone can check it with `sha256sum`.
 */
export async function datasetHash(cols: CandleColumns, from = 0, to = cols.length): Promise<string> {
  const rows = Math.max(0, to - from);
  const width = COLUMN_NAMES.length;
  const canonical = new Float64Array(rows * width);
  COLUMN_NAMES.forEach((name, c) => {
    const column = cols[name];
    for (let r = 0; r < rows; r++) canonical[r * width + c] = column[from + r]!;
  });
  if (!LITTLE_ENDIAN) {
    const view = new DataView(canonical.buffer);
    for (let k = 0; k < canonical.length; k++) view.setFloat64(k * 8, canonical[k]!, true);
  }
  return sha256Label(await crypto.subtle.digest('SHA-256', canonical));
}
