import { z } from 'zod';
import type { OhlcvCandle } from '../market/schemas.ts';

/**
 * Candles as parallel typed arrays: the engine's hot loop reads numbers by index without
 * touching an object per candle, and the buffers can be shared with or transferred to workers.
 */
export interface CandleColumns {
  length: number;
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

export const COLUMN_NAMES = ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const;

const ColumnSchema = z.instanceof(Float64Array, { message: 'candle columns must be Float64Arrays' });

/** `CandleColumns` checked where it crosses a boundary (e.g. into a worker): every column `length` long. */
export const CandleColumnsSchema = z
  .object({
    length: z.number().int().min(0),
    openTime: ColumnSchema,
    open: ColumnSchema,
    high: ColumnSchema,
    low: ColumnSchema,
    close: ColumnSchema,
    volume: ColumnSchema,
  })
  .refine((c) => COLUMN_NAMES.every((name) => c[name].length === c.length), {
    message: 'every candle column must have `length` rows',
  });

export function allocateColumns(length: number, shared = false): CandleColumns {
  const make = () =>
    shared ? new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(length);
  return { length, openTime: make(), open: make(), high: make(), low: make(), close: make(), volume: make() };
}

export function columnsFromCandles(candles: readonly OhlcvCandle[]): CandleColumns {
  const cols = allocateColumns(candles.length);
  candles.forEach((c, i) => {
    cols.openTime[i] = c.openTime;
    cols.open[i] = c.open;
    cols.high[i] = c.high;
    cols.low[i] = c.low;
    cols.close[i] = c.close;
    cols.volume[i] = c.volume;
  });
  return cols;
}

/** The inverse of columnsFromCandles: one plain OHLCV object per row. */
export function candlesFromColumns(cols: CandleColumns): OhlcvCandle[] {
  return Array.from({ length: cols.length }, (_, i) => ({
    openTime: cols.openTime[i]!,
    open: cols.open[i]!,
    high: cols.high[i]!,
    low: cols.low[i]!,
    close: cols.close[i]!,
    volume: cols.volume[i]!,
  }));
}

/** A view of rows [from, to) sharing the same memory. */
export function sliceColumns(cols: CandleColumns, from: number, to: number): CandleColumns {
  return {
    length: to - from,
    openTime: cols.openTime.subarray(from, to),
    open: cols.open.subarray(from, to),
    high: cols.high.subarray(from, to),
    low: cols.low.subarray(from, to),
    close: cols.close.subarray(from, to),
    volume: cols.volume.subarray(from, to),
  };
}

/** Rejects data the engine cannot trust: unordered times, non-finite or inconsistent OHLC. */
export function assertValidColumns(cols: CandleColumns): void {
  for (let i = 0; i < cols.length; i++) {
    const o = cols.open[i]!, h = cols.high[i]!, l = cols.low[i]!, c = cols.close[i]!;
    if (![o, h, l, c, cols.openTime[i]!].every(Number.isFinite) || l <= 0 || h < Math.max(o, c) || l > Math.min(o, c)) {
      throw new Error(`candle ${i} (openTime ${cols.openTime[i]}) has invalid OHLC: o=${o} h=${h} l=${l} c=${c}`);
    }
    if (i > 0 && cols.openTime[i]! <= cols.openTime[i - 1]!) {
      throw new Error(`candles must be strictly ascending by openTime; row ${i} (${cols.openTime[i]}) is not after row ${i - 1}`);
    }
  }
}
