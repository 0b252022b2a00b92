import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CandleFileError, parseCandleFile } from './candle-files.ts';

const FIXTURES = new URL('../../fixtures/candles/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

describe('candle files', () => {
  it('reads the freqtrade BTC/USDT 1m JSON', () => {
    const cols = parseCandleFile(read('BTC_USDT-1m.binance-spot.anisarrar-backup.json'));
    expect(cols.length).toBe(43_199);
    expect([cols.openTime[0], cols.open[0], cols.high[0], cols.low[0], cols.close[0], cols.volume[0]]).toEqual([
      1636621920000, 65124.06, 65176.55, 65067.52, 65156.77, 49.84404,
    ]);
  });

  it('reads the backtesting.py SOL/USDT 1h CSV as UTC', () => {
    const cols = parseCandleFile(read('SOLUSDT-1h.backtesting-py.csv'));
    expect(cols.length).toBe(1000);
    expect(cols.openTime[0]).toBe(Date.UTC(2024, 8, 19, 23));
    expect(cols.close[0]).toBe(142.89);
  });

  it('reads date-only CSV labels', () => {
    const cols = parseCandleFile(read('BTCUSD-1M.backtesting-py.csv'));
    expect(cols.openTime[0]).toBe(Date.UTC(2012, 0, 31));
  });

  it.each([
    ['{"a":1}', /array of \[ms/],
    ['[[1,2,3]]', /row 0 must be/],
    ['[[2,1,1,1,1,1],[1,1,1,1,1,1]]', /strictly ascending/],
    ['[[1,10,5,9,9,1]]', /invalid OHLC/],
    ['time,Open,High\n2024-01-01,1,2', /CSV header/],
  ])('rejects %s with a clear message', (text, message) => {
    expect(() => parseCandleFile(text)).toThrow(CandleFileError);
    expect(() => parseCandleFile(text)).toThrow(message);
  });

  it.each([
    ['', 'candles.json', /^the data file is empty$/],
    ['  \n', 'candles.csv', /^the data file is empty$/],
    ['', '', /^the data file is empty$/],
    ['timestamp,Open,High,Low,Close,Volume\n', 'candles.json', /^JSON expected \(freqtrade rows .*\), but the file starts with "timestamp,Open/],
    ['[[1,2', 'candles.json', /^not valid JSON/],
    ['[[1700000000000,1,1,1,1,1]]', 'candles.csv', /^CSV expected .*looks like JSON/],
  ])('diagnoses %j named %j by its extension and content', (text, name, message) => {
    expect(() => parseCandleFile(text, name)).toThrow(CandleFileError);
    expect(() => parseCandleFile(text, name)).toThrow(message);
  });
});
