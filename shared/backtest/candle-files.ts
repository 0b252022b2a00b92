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

const looksLikeJson = (text: string) => /^\s*[[{]/.test(text);

/**
 * The file name's extension decides when it names a format (.json, .csv), so a broken .json file
 * is diagnosed as JSON, not as a CSV with a bad header; without one, the content decides.
 */
export function detectFormat(text: string, fileName = ''): CandleFileFormat {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (extension === 'json') return 'freqtrade-json';
  if (extension === 'csv') return 'backtesting-py-csv';
  return looksLikeJson(text) ? 'freqtrade-json' : 'backtesting-py-csv';
}

const opening = (text: string) => JSON.stringify(text.trimStart().slice(0, 40));

/** Candles from a file's text; `fileName` (optional) lets its extension name the expected format. */
export function parseCandleFile(text: string, fileName = ''): CandleColumns {
  if (text.trim() === '') throw new CandleFileError('the data file is empty');
  const format = detectFormat(text, fileName);
  if (format === 'freqtrade-json' && !looksLikeJson(text)) {
    throw new CandleFileError(`JSON expected (freqtrade rows [ms, open, high, low, close, volume]), but the file starts with ${opening(text)}`);
  }
  if (format === 'backtesting-py-csv' && looksLikeJson(text)) {
    throw new CandleFileError(`CSV expected (header then Open,High,Low,Close,Volume rows), but the file starts with ${opening(text)}, which looks like JSON`);
  }
  const cols = format === 'freqtrade-json' ? parseFreqtradeJson(text) : parseBacktestingPyCsv(text);
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
