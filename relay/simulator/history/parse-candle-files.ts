import { MINUTE_MS } from '../market/kline-intervals.ts';

/** A bar as the source file states it: open time (UTC ms), OHLC and base volume. No turnover. */
export interface SourceBar {
  start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** freqtrade JSON: `[[ms, open, high, low, close, volume], ...]`. */
export function parseFreqtradeJson(text: string, label: string): SourceBar[] {
  const rows: unknown = JSON.parse(text);
  if (!Array.isArray(rows)) throw new Error(`${label}: expected a JSON array of candle rows`);
  return rows.map((row, i) => {
    if (!Array.isArray(row) || row.length < 6 || !row.every((v) => typeof v === 'number')) {
      throw new Error(`${label}: row ${i} is not [ms, open, high, low, close, volume]`);
    }
    const [start, open, high, low, close, volume] = row as number[];
    return { start: start!, open: open!, high: high!, low: low!, close: close!, volume: volume! };
  });
}

/** backtesting.py CSV: header `timestamp,Open,High,Low,Close,Volume`, zone-less times meaning UTC. */
export function parseOhlcvCsv(text: string, label: string): SourceBar[] {
  const lines = text.trim().split(/\r?\n/);
  return lines.slice(1).map((line, i) => {
    const [stamp, ...values] = line.split(',');
    const start = Date.parse(`${stamp?.replace(' ', 'T')}Z`);
    const numbers = values.map(Number);
    if (Number.isNaN(start) || numbers.length < 5 || numbers.some(Number.isNaN)) {
      throw new Error(`${label}: line ${i + 2} is not "YYYY-MM-DD HH:MM:SS,open,high,low,close,volume"`);
    }
    const [open, high, low, close, volume] = numbers as [number, number, number, number, number];
    return { start, open, high, low, close, volume };
  });
}

/** The step between rows, checked to be constant so shifting and splitting stay exact. */
export function nativeStepMs(bars: readonly SourceBar[], label: string): number {
  const first = bars[0];
  const second = bars[1];
  if (!first || !second) throw new Error(`${label}: needs at least two candles`);
  const step = second.start - first.start;
  if (step <= 0 || step % MINUTE_MS !== 0) throw new Error(`${label}: step ${step} ms is not whole minutes`);
  for (let i = 1; i < bars.length; i++) {
    if (bars[i]!.start - bars[i - 1]!.start !== step) throw new Error(`${label}: gap or disorder at row ${i}`);
  }
  return step;
}
