import type { DatasetSpec } from '../../shared/ai/index.ts';
import { columnsFromCandles, type CandleColumns } from '../../shared/backtest/candle-columns.ts';
import { BacktestConfigSchema, type BacktestConfig } from '../../shared/backtest/schemas.ts';
import { INTERVAL_MS } from '../../shared/market/index.ts';
import { InstrumentRulesSchema } from '../../shared/strategy/index.ts';
import { HttpError } from '../http/http-error.ts';
import type { MarketService } from '../market/market-service.ts';

/** A review or loop over more candles than this would hold the relay's memory and workers for minutes. */
export const MAX_REVIEW_CANDLES = 200_000;

export interface LoadedDataset {
  cols: CandleColumns;
  config: BacktestConfig;
}

/**
 * The closed candles of `spec` from the relay's market service (cached, paged over the exchange's
 * limit) and a backtest config on the symbol's real instrument rules, with Bybit's default costs.
 */
export async function loadDataset(market: MarketService, spec: DatasetSpec, now = Date.now()): Promise<LoadedDataset> {
  const step = INTERVAL_MS[spec.interval];
  if ((spec.to - spec.from) / step > MAX_REVIEW_CANDLES) {
    throw new HttpError(400, 'dataset_too_large', `from..to spans more than ${MAX_REVIEW_CANDLES} ${spec.interval} candles; narrow the range`);
  }
  await market.assertKnownSymbols([spec.symbol]);
  const symbol = (await market.listSymbols()).find((s) => s.symbol === spec.symbol)!;
  const candles = (await market.getCandles(spec.symbol, spec.interval, spec.from, spec.to)).filter((c) => c.openTime + step <= now);
  const config = BacktestConfigSchema.parse({ symbol: spec.symbol, interval: spec.interval, instrument: InstrumentRulesSchema.parse(symbol), recordSeries: false });
  return { cols: columnsFromCandles(candles), config };
}
