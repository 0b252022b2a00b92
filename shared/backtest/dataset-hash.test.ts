import { describe, expect, it } from 'vitest';
import { columnsFromCandles } from './candle-columns.ts';
import { datasetHash } from './dataset-hash.ts';

const rows = Array.from({ length: 50 }, (_, i) => ({ openTime: i * 60_000, open: 100 + i, high: 101 + i, low: 99 + i, close: 100.5 + i, volume: 3 }));

describe('dataset hash', () => {
  it('is the SHA-256 of the rows as little-endian float64 openTime, open, high, low, close, volume', async () => {
    // Digests computed outside this code: Python `struct.pack('<6d', *row)` per row, then `sha256sum`.
    expect(await datasetHash(columnsFromCandles(rows))).toBe('sha256-f8f7f11c360bc9efe2013a5b393b1b90d9b8e0924db9d902e7f1e59114123923');
    expect(await datasetHash(columnsFromCandles(rows), 10, 20)).toBe('sha256-74b7db6fe4493f1037384de52f234bdf01a18bf0d848be554a0920db3240d707');
    expect(await datasetHash(columnsFromCandles([]))).toBe('sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('changes when any value of any candle changes', async () => {
    const h = await datasetHash(columnsFromCandles(rows));
    for (const key of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const) {
      const changed = rows.map((r, i) => (i === 37 ? { ...r, [key]: r[key] + 0.01 } : r));
      expect(await datasetHash(columnsFromCandles(changed))).not.toBe(h);
    }
  });

  it('hashes only the requested range', async () => {
    const cols = columnsFromCandles(rows);
    expect(await datasetHash(cols, 10, 20)).toBe(await datasetHash(columnsFromCandles(rows.slice(10, 20))));
  });
});
