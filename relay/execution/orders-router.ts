import { Router, type NextFunction, type Request, type Response } from 'express';
import {
  OrdersQuerySchema,
  PositionsQuerySchema,
  type BalancesResponse,
  type CancelAllResponse,
  type CancelOrderResponse,
  type OrderDetailResponse,
  type OrderListResponse,
  type PlaceOrderResponse,
  type PositionsResponse,
  type RunPositionsResponse,
} from '../../shared/execution/index.ts';
import { mountRoute } from '../http/api-route.ts';
import { sendApiError } from '../http/http-error.ts';
import { describeIssues, jsonBody } from '../http/json-request.ts';
import { OrderRefusal, type ExecutionService } from './execution-service.ts';
import { OrderIdParamsSchema, ORDERS_API } from './orders-api.ts';

export interface OrdersRouterDeps {
  execution: ExecutionService;
}

/** Only the operator reaches the write routes (relay/access), so the audit actor is that role. */
const ACTOR = 'operator';

/** An OrderRefusal is the caller's answer; anything else goes to the API error handler. */
export function answeringRefusals(work: (req: Request, res: Response) => Promise<void> | void) {
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
  const parsed = OrderIdParamsSchema.safeParse(req.params);
  if (!parsed.success) throw new OrderRefusal(400, 'invalid_order_id', describeIssues(parsed.error));
  return parsed.data.id;
}

/** Order execution under /api/v1; what each route takes and answers is declared in orders-api.ts. */
export function createOrdersRouter({ execution }: OrdersRouterDeps): Router {
  const router = Router();

  mountRoute(
    router,
    ORDERS_API.place,
    jsonBody('16kb'),
    answeringRefusals(async (req, res) => {
      const outcome = await execution.place(req.body, ACTOR);
      const body: PlaceOrderResponse = { order: outcome.order, created: outcome.created };
      res.status(outcome.status).json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.cancelAll,
    answeringRefusals(async (_req, res) => {
      const body: CancelAllResponse = await execution.cancelAll(ACTOR);
      res.json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.cancel,
    answeringRefusals(async (req, res) => {
      const body: CancelOrderResponse = { order: await execution.cancel(orderId(req), ACTOR) };
      res.json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.list,
    answeringRefusals((req, res) => {
      const query = OrdersQuerySchema.safeParse(req.query);
      if (!query.success) throw new OrderRefusal(400, 'invalid_query', describeIssues(query.error));
      const body: OrderListResponse = { orders: execution.list(query.data) };
      res.json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.get,
    answeringRefusals((req, res) => {
      const body: OrderDetailResponse = execution.detail(orderId(req));
      res.json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.positions,
    answeringRefusals(async (req, res) => {
      const query = PositionsQuerySchema.safeParse(req.query);
      if (!query.success) throw new OrderRefusal(400, 'invalid_query', describeIssues(query.error));
      const body: PositionsResponse = await execution.positions(query.data);
      res.json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.positionsByRun,
    answeringRefusals(async (_req, res) => {
      const body: RunPositionsResponse = await execution.positionsByRun();
      res.json(body);
    }),
  );

  mountRoute(
    router,
    ORDERS_API.balances,
    answeringRefusals(async (_req, res) => {
      const body: BalancesResponse = await execution.balances();
      res.json(body);
    }),
  );

  return router;
}
