import { z } from 'zod';
import { SideSchema } from '../strategy/intents.ts';

/**
 * Bybit v5 `order/create` `orderLinkId`: "a max of 36 characters", numbers, letters (upper and
 * lower case), dashes and underscores (https://bybit-exchange.github.io/docs/v5/order/create-order).
 * The kernel's idempotency key is sent as it, so it must always fit.
 */
export const OrderLinkIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,36}$/, 'an orderLinkId is 1 to 36 letters, digits, "-" or "_" (Bybit v5 order/create)');
export type OrderLinkId = z.infer<typeof OrderLinkIdSchema>;

const Lots = z.number().int().positive();
const Ticks = z.number().int().positive();
const Fraction = z.number().gt(0).lte(1);

/** What every intent the runner hands to a venue carries: its idempotency key and the open time of the candle that decided it. */
const Keyed = { key: OrderLinkIdSchema, time: z.number().int() };

/**
 * A market order is sized where it executes, against the funds at that moment, by the same
 * `sizeOrder` (its quantity depends on the price it fills at, which only the venue knows: the
 * simulation's next open +/- slippage, a live venue's price at sending).
 */
export const MarketOrderSchema = z.object({ type: z.literal('market'), ...Keyed, side: SideSchema, fraction: Fraction });

/** Sized by the runner: whole lots at a price in ticks. `ttlBars` cancels it after that many candles without a fill. */
export const LimitOrderSchema = z.object({
  type: z.literal('limit'),
  ...Keyed,
  side: SideSchema,
  lots: Lots,
  ticks: Ticks,
  ttlBars: z.number().int().positive().optional(),
});

/** Protective sell stop: a market sell of `lots` once price trades at or below `ticks`. */
export const StopOrderSchema = z.object({ type: z.literal('stop'), ...Keyed, side: z.literal('sell'), lots: Lots, ticks: Ticks });

export const VenueOrderSchema = z.discriminatedUnion('type', [MarketOrderSchema, LimitOrderSchema, StopOrderSchema]);
export type VenueOrder = z.infer<typeof VenueOrderSchema>;
export type MarketOrder = z.infer<typeof MarketOrderSchema>;
export type LimitOrder = z.infer<typeof LimitOrderSchema>;
export type StopOrder = z.infer<typeof StopOrderSchema>;

/** Cancels the run's resting limit and stop orders of one side, or of both. */
export const CancelRequestSchema = z.object({ type: z.literal('cancel'), ...Keyed, side: SideSchema.optional() });
export type CancelRequest = z.infer<typeof CancelRequestSchema>;

/** A strategy intent once the runner has keyed and sized it: exactly what it hands to the venue. */
export const SizedIntentSchema = z.discriminatedUnion('type', [MarketOrderSchema, LimitOrderSchema, StopOrderSchema, CancelRequestSchema]);
export type SizedIntent = z.infer<typeof SizedIntentSchema>;

export const LiquiditySchema = z.enum(['maker', 'taker']);
export type Liquidity = z.infer<typeof LiquiditySchema>;

/**
 * One execution of an order (`key`) at `time`. `feeRate` is charged as Bybit spot does, in the
 * asset received: a buy receives lots x (1 - feeRate) base, a sell proceeds x (1 - feeRate) quote.
 */
export const FillSchema = z.object({
  type: z.literal('fill'),
  key: OrderLinkIdSchema,
  time: z.number().int(),
  side: SideSchema,
  lots: Lots,
  ticks: Ticks,
  feeRate: z.number().min(0),
  liquidity: LiquiditySchema,
});
export type Fill = z.infer<typeof FillSchema>;

/** The venue refused an order (`reason` names the exchange rule, `message` says it in words). */
export const OrderRejectedSchema = z.object({
  type: z.literal('rejected'),
  key: OrderLinkIdSchema,
  time: z.number().int(),
  reason: z.string(),
  message: z.string(),
});
export type OrderRejected = z.infer<typeof OrderRejectedSchema>;

export const VenueEventSchema = z.discriminatedUnion('type', [FillSchema, OrderRejectedSchema]);
export type VenueEvent = z.infer<typeof VenueEventSchema>;

export const TradeSchema = z.object({
  entryTime: z.number().int(),
  /** null while the position is still open at the end of the data. */
  exitTime: z.number().int().nullable(),
  entryPrice: z.number(),
  exitPrice: z.number().nullable(),
  /** Total base bought, exact decimal string on the basePrecision grid. */
  qty: z.string(),
  /** In quote, like Metrics.feesPaid. */
  fees: z.number(),
  /**
   * Quote received from sells (after their fee) minus quote paid for buys; a buy's fee is in it as
   * base never received. Open trades: the base held is marked at the last close.
   */
  pnl: z.number(),
  returnPct: z.number(),
});
export type Trade = z.infer<typeof TradeSchema>;

export const RejectionSchema = z.object({ time: z.number().int(), reason: z.string(), message: z.string() });
export type Rejection = z.infer<typeof RejectionSchema>;
