import { describe, expect, it } from 'vitest';
import { columnsFromCandles } from './candle-columns.ts';
import { datasetHash } from './dataset-hash.ts';

const rows = Array.from({ length: 50 }, (_, i) => ({ openTime: i * 60_000, open: 100 + i, high: 101 + i, low: 99 + i, close: 100.5 + i, volume: 3 }));

describe('dataset hash', () => {
  it('is stable for the same candles and names its algorithm', () => {
    const h = datasetHash(columnsFromCandles(rows));
    expect(h).toMatch(/^fnv64-[0-9a-f]{16}$/);
    expect(datasetHash(columnsFromCandles(rows.map((r) => ({ ...r }))))).toBe(h);
  });

  it('changes when any value of any candle changes', () => {
    const h = datasetHash(columnsFromCandles(rows));
    for (const key of ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const) {
      const changed = rows.map((r, i) => (i === 37 ? { ...r, [key]: r[key] + 0.01 } : r));
      expect(datasetHash(columnsFromCandles(changed))).not.toBe(h);
    }
  });

  it('hashes only the requested range', () => {
    const cols = columnsFromCandles(rows);
    expect(datasetHash(cols, 10, 20)).toBe(datasetHash(columnsFromCandles(rows.slice(10, 20))));
  });
});
