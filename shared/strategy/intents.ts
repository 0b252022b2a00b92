import { z } from 'zod';

/**
 * What a strategy may ask for (spot only: it buys or sells the base asset it holds, never shorts,
 * never borrows). Sizes are fractions so the strategy stays ignorant of balances and precision;
 * the runner (backtest or live) turns them into exchange quantities through `order-rules.ts`.
 * - buy `fraction`: share of the free quote balance to spend;
 * - sell `fraction`: share of the base position to sell.
 */
export const SideSchema = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof SideSchema>;

const Fraction = z.number().gt(0).lte(1);
const Tag = z.string().max(64).optional();

export const MarketIntentSchema = z.object({ type: z.literal('market'), side: SideSchema, fraction: Fraction, tag: Tag });

/** Rests on the book; `ttlBars` cancels it after that many candles without a fill. */
export const LimitIntentSchema = z.object({
  type: z.literal('limit'),
  side: SideSchema,
  fraction: Fraction,
  price: z.number().positive(),
  ttlBars: z.number().int().positive().optional(),
  tag: Tag,
});

/** Protective sell stop (Bybit spot conditional order): a market sell once price trades at/below stopPrice. */
export const StopIntentSchema = z.object({
  type: z.literal('stop'),
  side: z.literal('sell'),
  fraction: Fraction,
  stopPrice: z.number().positive(),
  tag: Tag,
});

/** Cancels resting limit/stop orders (of one side, or all). */
export const CancelIntentSchema = z.object({ type: z.literal('cancel'), side: SideSchema.optional() });

export const OrderIntentSchema = z.discriminatedUnion('type', [
  MarketIntentSchema,
  LimitIntentSchema,
  StopIntentSchema,
  CancelIntentSchema,
]);
export type OrderIntent = z.infer<typeof OrderIntentSchema>;
export type MarketIntent = z.infer<typeof MarketIntentSchema>;
export type LimitIntent = z.infer<typeof LimitIntentSchema>;
export type StopIntent = z.infer<typeof StopIntentSchema>;
