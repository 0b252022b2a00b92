import { readFileSync } from 'node:fs';
import type { CandleFileFormat } from '../../../shared/backtest/candle-files.ts';
import type { InstrumentSpec } from './instrument-spec.ts';
import { parseSourceBars, type SourceBar } from './parse-candle-files.ts';

/**
 * Stand-in symbols backed by real candles in fixtures/candles (see its SOURCES.md). Precision follows each
 * file's own price digits (Binance's 2021 BTC/USDT has 0.01 steps, XRP/ETH and ETH/BTC 1e-8) and
 * Bybit's published spot lot rules where they fit.
 */
export interface RealSymbol {
  spec: InstrumentSpec;
  file: string;
  format: CandleFileFormat;
}

export const REAL_SYMBOLS: readonly RealSymbol[] = [
  {
    file: 'BTC_USDT-1m.binance-spot.anisarrar-backup.json',
    format: 'freqtrade-json',
    spec: {
      symbol: 'BTCUSDT', symbolId: 9, baseCoin: 'BTC', quoteCoin: 'USDT', tickSize: '0.01',
      basePrecision: '0.000001', quotePrecision: '0.00000001', minOrderQty: '0.000011', maxOrderQty: '83',
      minOrderAmt: '5', maxOrderAmt: '8000000', synthetic: false,
    },
  },
  {
    file: 'SOLUSDT-1h.backtesting-py.csv',
    format: 'backtesting-py-csv',
    spec: {
      symbol: 'SOLUSDT', symbolId: 166, baseCoin: 'SOL', quoteCoin: 'USDT', tickSize: '0.01',
      basePrecision: '0.001', quotePrecision: '0.000001', minOrderQty: '0.001', maxOrderQty: '12000',
      minOrderAmt: '5', maxOrderAmt: '2000000', synthetic: false,
    },
  },
  {
    file: 'XRP_ETH-1m.freqtrade.json',
    format: 'freqtrade-json',
    spec: {
      symbol: 'XRPETH', symbolId: 301, baseCoin: 'XRP', quoteCoin: 'ETH', tickSize: '0.00000001',
      basePrecision: '0.01', quotePrecision: '0.00000001', minOrderQty: '1', maxOrderQty: '1000000',
      minOrderAmt: '0.001', maxOrderAmt: '1000', synthetic: false,
    },
  },
  {
    file: 'UNITTEST_BTC-5m.freqtrade.json',
    format: 'freqtrade-json',
    spec: {
      symbol: 'ETHBTC', symbolId: 12, baseCoin: 'ETH', quoteCoin: 'BTC', tickSize: '0.00000001',
      basePrecision: '0.00001', quotePrecision: '0.0000001', minOrderQty: '0.0001', maxOrderQty: '4000',
      minOrderAmt: '0.0001', maxOrderAmt: '100', synthetic: false,
    },
  },
];

const DATA_DIR = new URL('../../../fixtures/candles/', import.meta.url);
const parsedFiles = new Map<string, SourceBar[]>();

/** Parses a data file once per process; callers must not mutate the bars. */
export function loadSourceBars(real: RealSymbol): readonly SourceBar[] {
  let bars = parsedFiles.get(real.file);
  if (!bars) {
    const text = readFileSync(new URL(real.file, DATA_DIR), 'utf8');
    bars = parseSourceBars(text, real.format, real.file);
    parsedFiles.set(real.file, bars);
  }
  return bars;
}
