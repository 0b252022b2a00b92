import { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import {
  OrdersQuerySchema,
  type BalancesResponse,
  type CancelAllResponse,
  type CancelOrderResponse,
  type OrderDetailResponse,
  type OrderListResponse,
  type PlaceOrderResponse,
  type PositionsResponse,
} from '../../shared/execution/index.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { OrderRefusal, type ExecutionService } from './execution-service.ts';

export interface OrdersRouterDeps {
  execution: ExecutionService;
}

const OrderIdSchema = z.uuid('an order id is a UUID as returned by POST /orders');
/** Only the operator reaches the write routes (relay/access), so the audit actor is that role. */
const ACTOR = 'operator';

/** An OrderRefusal is the caller's answer; anything else goes to the API error handler. */
function handle(work: (req: Request, res: Response) => Promise<void> | void) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      await work(req, res);
    } catch (error) {
      if (error instanceof OrderRefusal) sendApiError(res, error.status, error.code, error.message);
      else next(error);
    }
  };
}

function orderId(req: Request): string {
  const parsed = OrderIdSchema.safeParse(req.params.id);
  if (!parsed.success) throw new OrderRefusal(400, 'invalid_order_id', describeIssues(parsed.error));
  return parsed.data;
}

/**
 * Order execution under /api/v1:
 *   POST /orders                 place (201; 200 same key and body again; 202 outcome being settled; 409 same key other body)
 *   POST /orders/:id/cancel      cancel one open order
 *   POST /orders/cancel-all      kill switch: cancel every open order, halt strategies
 *   GET  /orders?symbol=&status=open|closed, GET /orders/:id (with fills and lifecycle events)
 *   GET  /positions, GET /balances
 */
export function createOrdersRouter({ execution }: OrdersRouterDeps): Router {
  const router = Router();

  router.post(
    '/orders',
    jsonBody('16kb'),
    handle(async (req, res) => {
      const outcome = await execution.place(req.body, ACTOR);
      const body: PlaceOrderResponse = { order: outcome.order, created: outcome.created };
      res.status(outcome.status).json(body);
    }),
  );

  router.post(
    '/orders/cancel-all',
    handle(async (_req, res) => {
      const body: CancelAllResponse = await execution.cancelAll(ACTOR);
      res.json(body);
    }),
  );

  router.post(
    '/orders/:id/cancel',
    handle(async (req, res) => {
      const body: CancelOrderResponse = { order: await execution.cancel(orderId(req), ACTOR) };
      res.json(body);
    }),
  );

  router.get(
    '/orders',
    handle((req, res) => {
      const query = OrdersQuerySchema.safeParse(req.query);
      if (!query.success) throw new OrderRefusal(400, 'invalid_query', describeIssues(query.error));
      const body: OrderListResponse = { orders: execution.list(query.data) };
      res.json(body);
    }),
  );

  router.get(
    '/orders/:id',
    handle((req, res) => {
      const body: OrderDetailResponse = execution.detail(orderId(req));
      res.json(body);
    }),
  );

  router.get(
    '/positions',
    handle(async (_req, res) => {
      const body: PositionsResponse = await execution.positions();
      res.json(body);
    }),
  );

  router.get(
    '/balances',
    handle(async (_req, res) => {
      const body: BalancesResponse = await execution.balances();
      res.json(body);
    }),
  );

  return router;
}
