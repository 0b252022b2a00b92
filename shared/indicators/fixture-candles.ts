import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { candlesFromColumns } from '../backtest/candle-columns.ts';
import { parseFreqtradeJson } from '../backtest/candle-files.ts';
import type { OhlcvCandle } from '../market/index.ts';

/**
 * Real published candles for tests and benchmarks (Node only; provenance in
 * fixtures/candles/SOURCES.md). freqtrade rows are `[openTime ms, open, high, low, close, volume]`.
 */
const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/candles/', import.meta.url));

/** Binance spot BTC/USDT 1m, 2021-11-11 → 2021-12-11: 43,199 gap-free candles incl. the 4 Dec crash. */
export const BTC_1M_FIXTURE = 'BTC_USDT-1m.binance-spot.anisarrar-backup.json';
/** XRP/ETH 1m, Oct 2019: illiquid, with many zero-volume rows. */
export const XRP_ETH_1M_FIXTURE = 'XRP_ETH-1m.freqtrade.json';

export function loadFixtureCandles(file: string): OhlcvCandle[] {
  return candlesFromColumns(parseFreqtradeJson(readFileSync(FIXTURES_DIR + file, 'utf8')));
}
