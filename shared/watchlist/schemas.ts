import { z } from 'zod';

/**
 * The trader's favourite symbols, kept on the relay (not in one browser) so a fresh browser,
 * the dashboard and the chart's symbol search all star the same markets.
 */

export const WATCHLIST_MAX = 200;

export const WatchlistSymbolSchema = z
  .string({ error: 'symbol is required, e.g. "BTCUSDT"' })
  .min(1, 'symbol is required, e.g. "BTCUSDT"')
  .max(40, 'symbol must be at most 40 characters')
  .regex(/^[A-Z0-9]+$/, 'symbol must be upper-case letters and digits, e.g. "BTCUSDT"');

/** Path parameters of PUT/DELETE /api/v1/watchlist/{symbol}. */
export const WatchlistKeySchema = z.strictObject({ symbol: WatchlistSymbolSchema });

/** GET, PUT and DELETE all answer the whole list, oldest favourite first. */
export const WatchlistResponseSchema = z.object({ symbols: z.array(WatchlistSymbolSchema) });
export type WatchlistResponse = z.infer<typeof WatchlistResponseSchema>;
