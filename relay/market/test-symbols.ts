import type { MarketSymbol } from '../../shared/market/index.ts';

/** Spot symbols shaped like Bybit's instruments-info, for unit tests of relay logic. */
export function testSymbol(symbol: string, base: string, quote = 'USDT'): MarketSymbol {
  return {
    symbol,
    exchange: 'bybit',
    base,
    quote,
    status: 'Trading',
    tickSize: '0.01',
    basePrecision: '0.000001',
    quotePrecision: '0.0000001',
    minOrderQty: '0.000048',
    maxOrderQty: '71.73956243',
    minOrderAmt: '1',
    maxOrderAmt: '2000000',
  };
}
