import { BacktestConfigSchema, columnsFromCandles, type BacktestConfig, type CandleColumns } from '../../shared/backtest/index.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../../shared/indicators/fixture-candles.ts';

/** Real Binance BTC/USDT 1m candles and Bybit's BTCUSDT spot rules, for the worker and pool tests (Node only). */
export function btcColumns(count: number): CandleColumns {
  return columnsFromCandles(loadFixtureCandles(BTC_1M_FIXTURE).slice(0, count));
}

export const BTC_CONFIG: BacktestConfig = BacktestConfigSchema.parse({
  symbol: 'BTCUSDT',
  interval: '1m',
  instrument: {
    symbol: 'BTCUSDT',
    tickSize: '0.01',
    basePrecision: '0.000001',
    minOrderQty: '0.000048',
    maxOrderQty: '71.73956243',
    minOrderAmt: '1',
    maxOrderAmt: '2000000',
  },
});
