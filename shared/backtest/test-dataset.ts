import { BTCUSDT_RULES } from '../../relay/exchange/test-instrument.ts';
import { BTC_1M_FIXTURE, loadFixtureCandles } from '../indicators/fixture-candles.ts';
import { columnsFromCandles, type CandleColumns } from './candle-columns.ts';
import { BacktestConfigSchema, type BacktestConfig, type Metrics } from './schemas.ts';

/** Real Binance BTC/USDT 1m candles and Bybit's BTCUSDT spot rules, for backtest tests on either side of the wire (Node only). */
export function btcColumns(count: number): CandleColumns {
  return columnsFromCandles(loadFixtureCandles(BTC_1M_FIXTURE).slice(0, count));
}

export const BTC_CONFIG: BacktestConfig = BacktestConfigSchema.parse({
  symbol: 'BTCUSDT',
  interval: '1m',
  instrument: BTCUSDT_RULES,
});

/** Every metric as its exact bits, so equal means bit for bit (toEqual would let 0 equal −0). */
export function metricBits(metrics: Metrics): Record<string, string | null> {
  const view = new DataView(new ArrayBuffer(8));
  return Object.fromEntries(
    Object.entries(metrics).map(([key, value]) => {
      if (value === null) return [key, null];
      view.setFloat64(0, value);
      return [key, view.getBigUint64(0).toString(16)];
    }),
  );
}
