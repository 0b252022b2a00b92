import { describe, expect, it } from 'vitest';
import { csvField, tradesCsv } from './trades-csv.ts';
import { tradeRows } from './trade-rows.ts';

describe('trades CSV', () => {
  it('quotes fields as RFC 4180 does', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(-1.5)).toBe('-1.5');
    expect(csvField(null)).toBe('');
  });

  it('writes a header and one CRLF line per trade, open trades with empty exit fields', () => {
    const T0 = Date.UTC(2024, 5, 1);
    const rows = tradeRows(
      [
        { entryTime: T0, exitTime: T0 + 90 * 60_000, entryPrice: 65_000.1, exitPrice: 65_500, qty: '0.015', fees: 0.1 + 0.2, pnl: 7.2, returnPct: 0.0074, exitTag: 'quoted' },
        { entryTime: T0 + 2 * 3_600_000, exitTime: null, entryPrice: 65_400, exitPrice: null, qty: '0.02', fees: 1.3, pnl: -3, returnPct: -0.0023, exitTag: null },
      ],
      { quoted: 'Sold, at "the" target' },
      T0 + 3 * 3_600_000,
    );
    expect(tradesCsv(rows).split('\r\n')).toEqual([
      'Trade,Entry (UTC),Entry price,Exit (UTC),Exit price,Qty,Fees (quote),PnL (quote),Return %,Duration (minutes),Result,Exit reason',
      '1,2024-06-01T00:00:00.000Z,65000.1,2024-06-01T01:30:00.000Z,65500,0.015,0.3,7.2,0.74,90,win,"Sold, at ""the"" target"',
      '2,2024-06-01T02:00:00.000Z,65400,,,0.02,1.3,-3,-0.23,60,open,Still open at the end of the data',
      '',
    ]);
  });
});
