import { BTCUSDT_RULES } from '../../relay/exchange/test-instrument.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../indicators/fixture-candles.ts';
import { columnsFromCandles, type CandleColumns } from './candle-columns.ts';
import { BacktestConfigSchema, type BacktestConfig } from './schemas.ts';

/** Real Binance BTC/USDT 1m candles and Bybit's BTCUSDT spot rules, for backtest tests on either side of the wire (Node only). */
export function btcColumns(count: number): CandleColumns {
  return columnsFromCandles(loadFixtureCandles(BTC_1M_FIXTURE).slice(0, count));
}

export const BTC_CONFIG: BacktestConfig = BacktestConfigSchema.parse({
  symbol: 'BTCUSDT',
  interval: '1m',
  instrument: BTCUSDT_RULES,
});
