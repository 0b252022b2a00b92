import { z } from 'zod';
import {
  BalancesResponseSchema,
  CancelAllResponseSchema,
  CancelOrderResponseSchema,
  OrderDetailResponseSchema,
  OrderListResponseSchema,
  OrdersQuerySchema,
  PlaceOrderRequestSchema,
  PlaceOrderResponseSchema,
  PositionsQuerySchema,
  PositionsResponseSchema,
  RunPositionsResponseSchema,
} from '../../shared/execution/index.ts';
import type { ApiRoute } from '../http/api-route.ts';

export const OrderIdParamsSchema = z.object({
  id: z.uuid('an order id is a UUID as returned by POST /orders').meta({ description: "the order's id from POST /orders", examples: ['3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10'] }),
});

const VENUE_UNAVAILABLE = 'venue_unavailable: live mode without BYBIT_API_KEY / BYBIT_API_SECRET has no venue';

/** Order execution on the trading mode's venue (paper by default), mounted under /api/v1; every write is audited. */
export const ORDERS_API = {
  place: {
    method: 'post',
    path: '/orders',
    summary: 'Place a spot order, idempotently by idempotencyKey (its Bybit orderLinkId)',
    description:
      'Checked against the instrument (tick, lot, min/max qty and notional) and the safeguards (MAX_ORDER_NOTIONAL, DAILY_LOSS_LIMIT), then written durably before it is sent. Audited as order.intent, order.placed and order.exchange_answer; refusals as order.intent with outcome refused.',
    body: PlaceOrderRequestSchema,
    responses: {
      200: { description: 'this key was placed with this body already: the same order, nothing sent again', schema: PlaceOrderResponseSchema },
      201: { description: 'placed; the order as the venue answered', schema: PlaceOrderResponseSchema },
      202: { description: 'sent, but the answer was lost: status unknown until the venue is asked for the orderLinkId', schema: PlaceOrderResponseSchema },
    },
    errors: {
      400: 'invalid_order, unknown_symbol, price_off_tick, qty_off_lot, amount_off_precision, below_min_qty, above_max_qty, below_min_notional, above_max_notional, no_price or max_notional_exceeded',
      403: 'daily_loss_limit: today\'s realized loss reached DAILY_LOSS_LIMIT',
      409: 'idempotency_conflict: the key was used with another body; the message names each field that differs; or live_not_armed: live mode and no operator armed it (PUT /trading/live), nothing sent',
      422: 'order_rejected: the venue refused it (e.g. insufficient balance); recorded as rejected',
      503: `venue_unreachable: the order never reached the venue and is closed, or ${VENUE_UNAVAILABLE}`,
    },
  },
  cancelAll: {
    method: 'post',
    path: '/orders/cancel-all',
    summary: 'Kill switch: cancel every open order and halt running strategies (audited as kill_switch)',
    responses: { 200: { description: 'what was cancelled, what the venue refused, which strategy runs were halted', schema: CancelAllResponseSchema } },
  },
  cancel: {
    method: 'post',
    path: '/orders/:id/cancel',
    summary: 'Cancel one open order (audited as order.cancel)',
    params: OrderIdParamsSchema,
    responses: { 200: { description: 'the order after the cancel', schema: CancelOrderResponseSchema } },
    errors: {
      400: 'invalid_order_id',
      404: 'unknown_order',
      409: 'order_not_open, order_unsettled (its outcome is still being settled) or cancel_rejected (the venue refused)',
      503: VENUE_UNAVAILABLE,
    },
  },
  list: {
    method: 'get',
    path: '/orders',
    summary: "This mode's orders, newest first, optionally one symbol's and open or closed ones",
    query: OrdersQuerySchema,
    responses: { 200: { description: 'orders', schema: OrderListResponseSchema } },
    errors: { 400: 'invalid_query' },
  },
  get: {
    method: 'get',
    path: '/orders/:id',
    summary: 'One order with its fills and every lifecycle transition',
    params: OrderIdParamsSchema,
    responses: { 200: { description: 'the order, its fills and events', schema: OrderDetailResponseSchema } },
    errors: { 400: 'invalid_order_id', 404: 'unknown_order' },
  },
  positions: {
    method: 'get',
    path: '/positions',
    summary: 'Positions per symbol by average cost from fills, with realized and unrealized PnL at the last price; optionally one strategy run\'s',
    description:
      "With strategyRunId, only the fills of the orders that run placed (the keys of its recorded intents), so each run's PnL is its own and orders placed by hand count for none. Quantities and realized plus unrealized PnL of the runs and the hand-placed orders add up to the venue's; realized PnL alone does not, as average cost pools every buy of a symbol.",
    query: PositionsQuerySchema,
    responses: { 200: { description: 'positions', schema: PositionsResponseSchema } },
    errors: { 400: 'invalid_query', 404: 'unknown_run: no strategy run with that id' },
  },
  positionsByRun: {
    method: 'get',
    path: '/positions/by-run',
    summary: "Every strategy run's positions, newest run first, each from the fills of its own orders",
    responses: { 200: { description: 'positions per run; a run without fills has none', schema: RunPositionsResponseSchema } },
  },
  balances: {
    method: 'get',
    path: '/balances',
    summary: "The venue's balances: free, locked by open orders, total",
    responses: { 200: { description: 'balances', schema: BalancesResponseSchema } },
    errors: { 503: VENUE_UNAVAILABLE },
  },
} as const satisfies Record<string, ApiRoute>;
