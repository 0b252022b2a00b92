import { z } from 'zod';
import { StreamSymbolSchema } from '../market/stream.ts';
import { TradingModeSchema } from '../market/relay-modes.ts';
import { StrategyRunIdSchema } from '../runner/schemas.ts';
import { SideSchema } from '../strategy/intents.ts';

/**
 * The relay's order execution contract (relay/execution/): what the browser or a strategy runner
 * sends to place and cancel spot orders, and the durable records it reads back. Amounts are
 * decimal strings end to end so no float artefact ever reaches an order or a ledger.
 */

/** Becomes Bybit's `orderLinkId`, whose rules it follows: at most 36 of [A-Za-z0-9_-]. */
export const IdempotencyKeySchema = z
  .string({ error: 'idempotencyKey must be a string' })
  .regex(/^[A-Za-z0-9_-]{1,36}$/, 'idempotencyKey must be 1-36 characters of A-Z, a-z, 0-9, _ and - (it becomes Bybit\'s orderLinkId)');

/** A positive amount as typed: plain decimal digits, no sign, exponent or spaces. */
const PositiveDecimal = (name: string) =>
  z
    .string({ error: `${name} must be a decimal string such as "0.01"` })
    .regex(/^\d{1,20}(\.\d{1,20})?$/, `${name} must be a decimal string such as "0.01" (digits, one optional point)`)
    .refine((v) => /[1-9]/.test(v), `${name} must be greater than 0`);

/** A stored amount, possibly zero or negative (PnL). */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a decimal string such as "0.01"');

/** `stop`: a protective stop-market sell, held by the venue until a trade reaches its trigger price. */
export const OrderTypeSchema = z.enum(['market', 'limit', 'stop'], { error: 'type must be market, limit or stop' });
export type OrderType = z.infer<typeof OrderTypeSchema>;
export const TimeInForceSchema = z.enum(['GTC', 'IOC', 'FOK', 'PostOnly'], { error: 'timeInForce must be GTC, IOC, FOK or PostOnly' });
export type TimeInForce = z.infer<typeof TimeInForceSchema>;

/** Paper fills in the relay; live is the configured Bybit. Same names as TRADING_MODE. */
export const VenueNameSchema = TradingModeSchema;
export type VenueName = z.infer<typeof VenueNameSchema>;

export const PlaceOrderRequestSchema = z
  .strictObject({
    idempotencyKey: IdempotencyKeySchema,
    symbol: StreamSymbolSchema,
    side: z.enum(SideSchema.options, { error: 'side must be buy or sell' }),
    type: OrderTypeSchema,
    /** Base quantity. */
    qty: PositiveDecimal('qty').optional(),
    /** Quote to spend: market buys only (Bybit `marketUnit: "quoteCoin"`). */
    quoteAmount: PositiveDecimal('quoteAmount').optional(),
    /** Limit price; limit orders only. */
    price: PositiveDecimal('price').optional(),
    /** Stop orders only: a trade at or below it sells `qty` at market. */
    triggerPrice: PositiveDecimal('triggerPrice').optional(),
    /** Limit orders only (default GTC); a market order is always IOC on Bybit spot. */
    timeInForce: TimeInForceSchema.optional(),
    strategyId: z.string().min(1).max(64).optional(),
    /** Why the order is placed, kept with it and in the audit log. */
    reason: z.string({ error: 'reason must be a string saying why the order is placed' }).trim().min(1, 'reason must say why the order is placed').max(500),
  })
  .superRefine((order, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if ((order.qty === undefined) === (order.quoteAmount === undefined)) problem('qty', 'give exactly one of qty (base) or quoteAmount (market buys)');
    if (order.quoteAmount !== undefined && !(order.type === 'market' && order.side === 'buy')) problem('quoteAmount', 'quoteAmount is for market buys only; give qty');
    if (order.type === 'limit' && order.price === undefined) problem('price', 'a limit order needs a price');
    if (order.type === 'market' && order.price !== undefined) problem('price', 'a market order takes no price');
    if (order.type === 'market' && order.timeInForce !== undefined) problem('timeInForce', 'a market order takes no timeInForce (it is IOC)');
    if (order.type === 'stop') {
      if (order.side !== 'sell') problem('side', 'a stop order is a protective sell; side must be sell');
      if (order.triggerPrice === undefined) problem('triggerPrice', 'a stop order needs a triggerPrice');
      if (order.price !== undefined) problem('price', 'a stop order sells at market once triggered; it takes no price');
      if (order.timeInForce !== undefined) problem('timeInForce', 'a stop order takes no timeInForce');
    } else if (order.triggerPrice !== undefined) problem('triggerPrice', 'triggerPrice is for stop orders only');
  });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequestSchema>;

/**
 * `submitting`: written, not yet answered by the venue; `unknown`: the answer was lost, resolved
 * by asking the venue for the orderLinkId (never by sending again).
 */
export const ORDER_STATUSES = ['submitting', 'new', 'partially_filled', 'filled', 'cancelled', 'rejected', 'unknown'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;
/** Written but without a known outcome yet: settled by asking the venue for the orderLinkId. */
export const UNSETTLED_STATUSES: readonly OrderStatus[] = ['submitting', 'unknown'];
/** Accepted by the venue and still working there: what can fill or be cancelled. */
export const WORKING_STATUSES: readonly OrderStatus[] = ['new', 'partially_filled'];
export const OPEN_STATUSES: readonly OrderStatus[] = [...UNSETTLED_STATUSES, ...WORKING_STATUSES];

export const OrderRecordSchema = z.object({
  id: z.uuid(),
  idempotencyKey: IdempotencyKeySchema,
  venue: VenueNameSchema,
  symbol: z.string(),
  side: SideSchema,
  type: OrderTypeSchema,
  /** As sent to the venue, on the instrument's lot / tick grid. */
  qty: DecimalStringSchema.nullable(),
  quoteAmount: DecimalStringSchema.nullable(),
  price: DecimalStringSchema.nullable(),
  /** Stop orders only; records from before stops existed have none. */
  triggerPrice: DecimalStringSchema.nullable().default(null),
  timeInForce: TimeInForceSchema,
  strategyId: z.string().nullable(),
  reason: z.string(),
  status: OrderStatusSchema,
  /** The venue's own id once it answered. */
  venueOrderId: z.string().nullable(),
  cumQty: DecimalStringSchema,
  cumQuote: DecimalStringSchema,
  /** cumQuote / cumQty; null before the first fill. */
  avgPrice: DecimalStringSchema.nullable(),
  /** Why the venue refused or ended it, in its words. */
  statusReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type OrderRecord = z.infer<typeof OrderRecordSchema>;

export const LiquiditySchema = z.enum(['maker', 'taker']);

export const FillRecordSchema = z.object({
  /** The venue's execution id, unique per venue. */
  execId: z.string(),
  orderId: z.uuid(),
  symbol: z.string(),
  side: SideSchema,
  price: DecimalStringSchema,
  qty: DecimalStringSchema,
  fee: DecimalStringSchema,
  /** Bybit spot charges a buy in the base it receives, a sell in the quote. */
  feeAsset: z.string(),
  liquidity: LiquiditySchema,
  at: z.iso.datetime(),
});
export type FillRecord = z.infer<typeof FillRecordSchema>;

/** One lifecycle transition, as stored in the append-only `order_events`. */
export const OrderEventSchema = z.object({
  seq: z.number().int().positive(),
  orderId: z.uuid(),
  status: OrderStatusSchema,
  at: z.iso.datetime(),
  detail: z.string().nullable(),
});
export type OrderEvent = z.infer<typeof OrderEventSchema>;

export const PositionSchema = z.object({
  symbol: z.string(),
  /** Base held from this venue's fills, net of base fees. */
  qty: DecimalStringSchema,
  /** Average cost per base unit of what is held, in quote, fees included. */
  avgCost: DecimalStringSchema.nullable(),
  realizedPnl: DecimalStringSchema,
  /** At the live ticker's last price; null when no price is known. */
  unrealizedPnl: DecimalStringSchema.nullable(),
  lastPrice: DecimalStringSchema.nullable(),
});
export type Position = z.infer<typeof PositionSchema>;

export const BalanceSchema = z.object({ asset: z.string(), free: DecimalStringSchema, locked: DecimalStringSchema, total: DecimalStringSchema });
export type Balance = z.infer<typeof BalanceSchema>;

export const OrdersQuerySchema = z.strictObject({
  symbol: StreamSymbolSchema.optional(),
  status: z.enum(['open', 'closed'], { error: 'status must be open or closed' }).optional(),
});
export type OrdersQuery = z.infer<typeof OrdersQuerySchema>;

export const PositionsQuerySchema = z.strictObject({
  /** Only the fills of this strategy run's orders (the keys its intents were placed with). */
  strategyRunId: StrategyRunIdSchema.optional(),
});
export type PositionsQuery = z.infer<typeof PositionsQuerySchema>;

export const PlaceOrderResponseSchema = z.object({
  order: OrderRecordSchema,
  /** false when the idempotency key was already placed with this body: nothing was sent again. */
  created: z.boolean(),
});
export type PlaceOrderResponse = z.infer<typeof PlaceOrderResponseSchema>;

export const OrderListResponseSchema = z.object({ orders: z.array(OrderRecordSchema) });
export type OrderListResponse = z.infer<typeof OrderListResponseSchema>;

export const OrderDetailResponseSchema = z.object({ order: OrderRecordSchema, fills: z.array(FillRecordSchema), events: z.array(OrderEventSchema) });
export type OrderDetailResponse = z.infer<typeof OrderDetailResponseSchema>;

export const CancelOrderResponseSchema = z.object({ order: OrderRecordSchema });
export type CancelOrderResponse = z.infer<typeof CancelOrderResponseSchema>;

export const CancelAllResponseSchema = z.object({
  cancelled: z.array(OrderRecordSchema),
  /** Orders the venue could not cancel, with its words. */
  failed: z.array(z.object({ orderId: z.uuid(), message: z.string() })),
  /** Strategy runs halted by the kill switch. */
  haltedStrategies: z.array(z.string()),
});
export type CancelAllResponse = z.infer<typeof CancelAllResponseSchema>;

export const PositionsResponseSchema = z.object({ venue: VenueNameSchema, positions: z.array(PositionSchema) });
export type PositionsResponse = z.infer<typeof PositionsResponseSchema>;

/** One strategy run's positions, from the fills of its own orders only. */
export const RunPositionsSchema = z.object({
  runId: StrategyRunIdSchema,
  strategyId: z.string(),
  version: z.number().int().positive(),
  startedAt: z.iso.datetime(),
  positions: z.array(PositionSchema),
});
export type RunPositions = z.infer<typeof RunPositionsSchema>;

/** Every strategy run, newest first; orders placed by hand belong to none of them. */
export const RunPositionsResponseSchema = z.object({ venue: VenueNameSchema, runs: z.array(RunPositionsSchema) });
export type RunPositionsResponse = z.infer<typeof RunPositionsResponseSchema>;


/** Where a live venue's balances came from: its private stream's wallet pushes, or a REST read of the wallet. */
export const BalancesSourceSchema = z.enum(['stream', 'rest']);
export type BalancesSource = z.infer<typeof BalancesSourceSchema>;

export const BalancesResponseSchema = z.object({
  venue: VenueNameSchema,
  balances: z.array(BalanceSchema),
  /** Live only; the paper venue's balances are the relay's own ledger. */
  source: BalancesSourceSchema.optional(),
});
export type BalancesResponse = z.infer<typeof BalancesResponseSchema>;
