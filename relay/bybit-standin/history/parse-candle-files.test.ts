import { describe, expect, it } from 'vitest';
import { nativeStepMs, parseSourceBars } from './parse-candle-files.ts';

describe('candle file parsing', () => {
  it('reads freqtrade JSON rows [ms, o, h, l, c, v]', () => {
    const bars = parseSourceBars('[[1570752000000,0.00141342,0.00141557,0.00141266,0.00141418,1482.0]]', 'freqtrade-json', 'x.json');
    expect(bars).toEqual([{ start: 1570752000000, open: 0.00141342, high: 0.00141557, low: 0.00141266, close: 0.00141418, volume: 1482 }]);
  });

  it('reads zone-less CSV timestamps as UTC', () => {
    const csv = 'timestamp,Open,High,Low,Close,Volume\n2024-09-19 23:00:00,142.43,142.93,142.13,142.89,93441.788\n';
    expect(parseSourceBars(csv, 'backtesting-py-csv', 'x.csv')[0]).toMatchObject({ start: Date.UTC(2024, 8, 19, 23), open: 142.43, volume: 93441.788 });
  });

  it('names the file and row of bad input', () => {
    expect(() => parseSourceBars('[[1, 2, "3"]]', 'freqtrade-json', 'bad.json')).toThrow('bad.json: row 0 must be [ms, open, high, low, close, volume]');
    expect(() => parseSourceBars('timestamp,Open,High,Low,Close,Volume\nyesterday,1,2,3,4,5', 'backtesting-py-csv', 'bad.csv')).toThrow(/bad.csv: line 2/);
    expect(() => parseSourceBars('h\nyesterday,1,2,3,4,5', 'backtesting-py-csv', 'bad.csv')).toThrow(/bad.csv: CSV header/);
  });

  it('insists on a constant step', () => {
    const bar = (start: number) => ({ start, open: 1, high: 1, low: 1, close: 1, volume: 0 });
    expect(nativeStepMs([bar(0), bar(300_000), bar(600_000)], 'ok')).toBe(300_000);
    expect(() => nativeStepMs([bar(0), bar(60_000), bar(180_000)], 'gappy')).toThrow('gappy: gap or disorder at row 2');
  });
});
