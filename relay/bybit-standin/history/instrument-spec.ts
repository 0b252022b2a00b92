/**
 * Static facts about one simulated spot instrument, in Bybit's own vocabulary (decimal strings),
 * so instruments-info can echo them and the walk can round onto the tick grid.
 */
export interface InstrumentSpec {
  symbol: string;
  symbolId: number;
  baseCoin: string;
  quoteCoin: string;
  tickSize: string;
  basePrecision: string;
  quotePrecision: string;
  minOrderQty: string;
  maxOrderQty: string;
  minOrderAmt: string;
  maxOrderAmt: string;
  /** True for SIMnnUSDT symbols that have no real data behind them. */
  synthetic: boolean;
}
