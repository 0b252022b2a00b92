import type { CandleColumns } from './candle-columns.ts';

/**
 * Stable 64-bit hash (two 32-bit FNV-1a-style lanes with different seeds) over the little-endian
 * IEEE-754 bytes of each candle's openTime, open, high, low, close, volume. Same candles give the
 * same hash in the browser and in Node, so a SimulationRun can name exactly the data it used.
 */
export function datasetHash(cols: CandleColumns, from = 0, to = cols.length): string {
  const buf = new DataView(new ArrayBuffer(8));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  const columns = [cols.openTime, cols.open, cols.high, cols.low, cols.close, cols.volume];
  for (let i = from; i < to; i++) {
    for (const column of columns) {
      buf.setFloat64(0, column[i]!, true);
      for (let b = 0; b < 8; b++) {
        const byte = buf.getUint8(b);
        h1 = Math.imul(h1 ^ byte, 0x01000193);
        h2 = Math.imul(h2 ^ byte, 0x5bd1e995);
        h2 ^= h2 >>> 15;
      }
    }
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `fnv64-${hex(h1)}${hex(h2)}`;
}
