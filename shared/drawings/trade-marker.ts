import { z } from 'zod';

/** An entry or exit to mark on the chart, from a backtest fill or an executed order. */
export const TradeMarkerSchema = z.object({
  /** Bar time in UTC seconds (the bar the fill belongs to). */
  time: z.int().positive('time must be UTC seconds, e.g. 1717200000'),
  side: z.enum(['buy', 'sell']),
  price: z.number().finite().positive('price must be a positive number'),
  /** Short text next to the arrow; defaults to "B" or "S". */
  label: z.string().max(40, 'label must be at most 40 characters').optional(),
  id: z.string().optional(),
});
export type TradeMarker = z.infer<typeof TradeMarkerSchema>;
