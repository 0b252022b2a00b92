import { z } from 'zod';
import { IntervalSchema } from './interval.ts';

/**
 * Canonical market model (BRD §8). The relay's Bybit adapter maps wire shapes into these;
 * nothing past the adapter sees Bybit's field names.
 */

/** Exchange precision stays a decimal string so orders can be rounded without float artifacts. */
const DecimalString = z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal string such as "0.01"');

export const MarketSymbolSchema = z.object({
  symbol: z.string().min(1),
  exchange: z.literal('bybit'),
  base: z.string().min(1),
  quote: z.string().min(1),
  status: z.string().min(1),
  tickSize: DecimalString,
  basePrecision: DecimalString,
  quotePrecision: DecimalString,
  minOrderQty: DecimalString,
  maxOrderQty: DecimalString,
  minOrderAmt: DecimalString,
  maxOrderAmt: DecimalString,
});
export type MarketSymbol = z.infer<typeof MarketSymbolSchema>;

export const TickerSchema = z.object({
  symbol: z.string().min(1),
  lastPrice: z.number(),
  /** 24h change in percent (Bybit sends a fraction: 0.0068 -> 0.68). */
  change24hPct: z.number(),
  high24h: z.number(),
  low24h: z.number(),
  volume24h: z.number(),
  turnover24h: z.number(),
  /** Exchange timestamp of the snapshot, ms. */
  ts: z.number().int(),
});
export type Ticker = z.infer<typeof TickerSchema>;

/** One OHLCV bar; `openTime` is UTC ms and the key with symbol and interval. */
export const CandleSchema = z.object({
  openTime: z.number().int(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
  turnover: z.number(),
});
export type Candle = z.infer<typeof CandleSchema>;

/** A candle without turnover: all indicators and strategies read, and all some candle files carry. */
export const OhlcvCandleSchema = CandleSchema.omit({ turnover: true });
export type OhlcvCandle = z.infer<typeof OhlcvCandleSchema>;

export const SymbolsResponseSchema = z.object({ symbols: z.array(MarketSymbolSchema) });
export type SymbolsResponse = z.infer<typeof SymbolsResponseSchema>;

export const TickersResponseSchema = z.object({ tickers: z.array(TickerSchema) });
export type TickersResponse = z.infer<typeof TickersResponseSchema>;

/** Candles ascending by openTime, covering [from, to] (inclusive open times). */
export const CandlesResponseSchema = z.object({
  symbol: z.string(),
  interval: IntervalSchema,
  from: z.number().int(),
  to: z.number().int(),
  candles: z.array(CandleSchema),
});
export type CandlesResponse = z.infer<typeof CandlesResponseSchema>;

export const ApiErrorSchema = z
  .object({
    error: z.object({ code: z.string(), message: z.string() }),
  })
  .meta({ examples: [{ error: { code: 'forbidden', message: 'a viewer may only read; this needs the operator token' } }] });
export type ApiError = z.infer<typeof ApiErrorSchema>;
