import { allocateColumns, assertValidColumns, type CandleColumns } from './candle-columns.ts';

/**
 * Parsers for the two historical candle formats the project ships (see fixtures/candles):
 * freqtrade JSON rows `[openTimeMs, open, high, low, close, volume]`, and backtesting.py CSV
 * with a header `timestamp|<empty>,Open,High,Low,Close,Volume` and zone-less UTC timestamps.
 * Pure text in, columns out, so the browser worker and the CLI share them.
 */
export class CandleFileError extends Error {
  override name = 'CandleFileError';
}

export type CandleFileFormat = 'freqtrade-json' | 'backtesting-py-csv';

export function detectFormat(text: string): CandleFileFormat {
  return /^\s*[[{]/.test(text) ? 'freqtrade-json' : 'backtesting-py-csv';
}

export function parseCandleFile(text: string): CandleColumns {
  const cols = detectFormat(text) === 'freqtrade-json' ? parseFreqtradeJson(text) : parseBacktestingPyCsv(text);
  if (cols.length === 0) throw new CandleFileError('the data file holds no candles');
  try {
    assertValidColumns(cols);
  } catch (error) {
    throw new CandleFileError((error as Error).message);
  }
  return cols;
}

export function parseFreqtradeJson(text: string): CandleColumns {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch (error) {
    throw new CandleFileError(`not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new CandleFileError('freqtrade JSON must be an array of [ms, open, high, low, close, volume] rows');
  const cols = allocateColumns(rows.length);
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length < 6 || !row.slice(0, 6).every((v) => typeof v === 'number')) {
      throw new CandleFileError(`row ${i} must be [ms, open, high, low, close, volume] numbers, got ${JSON.stringify(row)}`);
    }
    const [t, o, h, l, c, v] = row as number[];
    cols.openTime[i] = t!;
    cols.open[i] = o!;
    cols.high[i] = h!;
    cols.low[i] = l!;
    cols.close[i] = c!;
    cols.volume[i] = v!;
  });
  return cols;
}

const CSV_COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

export function parseBacktestingPyCsv(text: string): CandleColumns {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const index = CSV_COLUMNS.map((name) => header.indexOf(name));
  if (index.some((k) => k < 0)) {
    throw new CandleFileError(`CSV header must name a time column then Open,High,Low,Close,Volume; got "${lines[0] ?? ''}"`);
  }
  const cols = allocateColumns(lines.length - 1);
  for (let r = 1; r < lines.length; r++) {
    const cells = lines[r]!.split(',');
    const time = Date.parse(`${(cells[0] ?? '').trim().replace(' ', 'T')}${cells[0]?.includes(':') ? '' : 'T00:00:00'}Z`);
    if (!Number.isFinite(time)) throw new CandleFileError(`line ${r + 1}: cannot read the timestamp "${cells[0]}"`);
    const values = index.map((k) => Number(cells[k]));
    if (values.some((v) => !Number.isFinite(v))) throw new CandleFileError(`line ${r + 1}: non-numeric OHLCV in "${lines[r]}"`);
    const i = r - 1;
    cols.openTime[i] = time;
    [cols.open[i], cols.high[i], cols.low[i], cols.close[i], cols.volume[i]] = values as [number, number, number, number, number];
  }
  return cols;
}
