import type { MarketSymbol } from '../../shared/market/index.ts';
import { BTCUSDT_SPOT } from '../exchange/test-instrument.ts';

/** Spot symbols with Bybit's real BTCUSDT filters under another name, for unit tests that list several. */
export function testSymbol(symbol: string, base: string, quote = 'USDT'): MarketSymbol {
  return { ...BTCUSDT_SPOT, symbol, base, quote };
}
