import express, { type Express, type Request, type Response } from 'express';
import { isOpen } from '../../../shared/matching/spot-order.ts';
import { walletBalanceResult } from '../account/wallet-wire.ts';
import type { StandInCredentials } from '../auth/credentials.ts';
import { checkRestSignature } from '../auth/rest-signature.ts';
import type { Clock } from '../clock.ts';
import { errorBody, okBody } from '../market/rest-envelope.ts';
import type { RestFaultPlan } from '../faults/rest-fault-plan.ts';
import type { EndpointRateLimiter } from '../rate-limit/endpoint-rate-limiter.ts';
import {
  AmendOrderBodySchema,
  CancelAllBodySchema,
  CancelOrderBodySchema,
  CreateOrderBodySchema,
  OrderQuerySchema,
  parseParams,
  type OrderQuery,
} from '../trading/order-params.ts';
import type { OrderRecord, SpotExchange } from '../trading/spot-exchange.ts';
import { isRefusal, RET, refusal, type Refusal } from '../trading/spot-ret-codes.ts';
import { accountInfoResult, apiKeyInfoResult, feeRateResult } from './account-wire.ts';
import { restExecutionItem, restOrderItem } from './order-wire.ts';
import { pageOf } from './paging.ts';

export interface PrivateRouteDeps {
  exchange: SpotExchange;
  credentials: StandInCredentials;
  limiter: EndpointRateLimiter;
  clock: Clock;
  faults: RestFaultPlan;
  /** Time that signatures and rate limits are judged by: the client signs with its own wall clock. */
  wallNow: () => number;
}

type Handler = (params: unknown) => unknown;

/** UTA Pro spot limits per UID and second, from the docs' rate-limit table (docs/v5/rate-limit.mdx). */
export const SPOT_RATE_LIMITS: Readonly<Record<string, number>> = {
  '/v5/order/create': 20,
  '/v5/order/amend': 10,
  '/v5/order/cancel': 20,
  '/v5/order/cancel-all': 20,
  '/v5/order/realtime': 50,
  '/v5/order/history': 50,
  '/v5/execution/list': 50,
  '/v5/account/wallet-balance': 50,
  '/v5/account/fee-rate': 5,
  '/v5/account/info': 50,
  '/v5/user/query-api': 10,
};

/** The signed v5 endpoints of a spot UTA, answered in Bybit's envelope (HTTP 200 even for refusals). */
export function registerPrivateRoutes(app: Express, deps: PrivateRouteDeps): void {
  const { exchange } = deps;
  const rawBody = express.raw({ type: () => true, limit: '64kb' });
  const route = (method: 'GET' | 'POST', path: string, handler: Handler) => {
    const serve = (req: Request, res: Response) => answer(req, res, method, path, handler, deps);
    if (method === 'GET') app.get(path, serve);
    else app.post(path, rawBody, serve);
  };
  const orderRef = (body: { orderId?: string | undefined; orderLinkId?: string | undefined }): Refusal | null =>
    body.orderId === undefined && body.orderLinkId === undefined ? refusal(RET.params, 'params error: OrderId or orderLinkId is required') : null;
  const ids = (record: OrderRecord | Refusal) => (isRefusal(record) ? record : { orderId: record.order.orderId, orderLinkId: record.order.orderLinkId });

  route('POST', '/v5/order/create', (params) => {
    const body = parseParams(CreateOrderBodySchema, params);
    if (isRefusal(body)) return body;
    return ids(exchange.create({ symbol: body.symbol, orderLinkId: body.orderLinkId, order: body }));
  });
  route('POST', '/v5/order/amend', (params) => {
    const body = parseParams(AmendOrderBodySchema, params);
    if (isRefusal(body)) return body;
    if (body.qty === undefined && body.price === undefined) return refusal(RET.params, 'params error: qty or price is required');
    return orderRef(body) ?? ids(exchange.amend(body, body));
  });
  route('POST', '/v5/order/cancel', (params) => {
    const body = parseParams(CancelOrderBodySchema, params);
    if (isRefusal(body)) return body;
    return orderRef(body) ?? ids(exchange.cancel(body));
  });
  route('POST', '/v5/order/cancel-all', (params) => {
    const body = parseParams(CancelAllBodySchema, params);
    if (isRefusal(body)) return body;
    // Spot answers "success": "1" beside the list (fixtures/bybit-v5/rest/ccxt/cancelAllOrders.spot.json).
    return { list: exchange.cancelAll(body.symbol).map((r) => ({ orderId: r.order.orderId, orderLinkId: r.order.orderLinkId })), success: '1' };
  });

  const ordersPage = (params: unknown, defaultLimit: number, maxLimit: number, keep: (query: OrderQuery, record: OrderRecord) => boolean) => {
    const query = parseParams(OrderQuerySchema, params);
    if (isRefusal(query)) return query;
    const selected = exchange.allOrders().filter((record) => matches(query, record) && keep(query, record));
    const page = pageOf(selected, (r) => r.order.orderId, clampLimit(query.limit, defaultLimit, maxLimit), query.cursor);
    if (!page) return refusal(RET.params, 'params error: cursor invalid');
    // Key order of the docs' examples: list, nextPageCursor, category.
    return { list: page.list.map(restOrderItem), nextPageCursor: page.nextPageCursor, category: 'spot' };
  };

  route('GET', '/v5/order/realtime', (params) =>
    ordersPage(params, 20, 50, (query, record) => (query.orderId !== undefined || query.orderLinkId !== undefined ? true : isOpen(record.order))),
  );
  route('GET', '/v5/order/history', (params) =>
    ordersPage(params, 20, 50, (query, record) => query.orderStatus === undefined || query.orderStatus.split(',').includes(record.order.status)),
  );
  route('GET', '/v5/execution/list', (params) => {
    const query = parseParams(OrderQuerySchema, params);
    if (isRefusal(query)) return query;
    const selected = exchange.executions().filter((e) => matches(query, e));
    const page = pageOf(selected, (e) => e.fill.execId, clampLimit(query.limit, 50, 100), query.cursor);
    if (!page) return refusal(RET.params, 'params error: cursor invalid');
    // Key order of fixtures/bybit-v5/rest/execution/list.linear.json: nextPageCursor, category, list.
    return { nextPageCursor: page.nextPageCursor, category: 'spot', list: page.list.map(restExecutionItem) };
  });

  route('GET', '/v5/account/wallet-balance', (params) => {
    const { accountType, coin } = params as Record<string, string | undefined>;
    if (accountType !== 'UNIFIED') return refusal(RET.params, 'params error: accountType only support UNIFIED');
    exchange.sync();
    return walletBalanceResult(exchange, coin?.split(','));
  });
  route('GET', '/v5/account/fee-rate', (params) => {
    const { category, symbol } = params as Record<string, string | undefined>;
    if (category !== 'spot') return refusal(RET.params, 'params error: category invalid');
    if (symbol !== undefined && !exchange.spec(symbol)) return refusal(RET.invalidSymbol);
    return feeRateResult(exchange, symbol);
  });
  route('GET', '/v5/account/info', () => accountInfoResult(deps.clock.now()));
  route('GET', '/v5/user/query-api', () => apiKeyInfoResult(deps.credentials.apiKey));
}

function matches(query: OrderQuery, record: { symbol: string; order: { orderId: string; orderLinkId: string } }): boolean {
  return (
    (query.symbol === undefined || record.symbol === query.symbol) &&
    (query.orderId === undefined || record.order.orderId === query.orderId) &&
    (query.orderLinkId === undefined || record.order.orderLinkId === query.orderLinkId)
  );
}

/** Bybit serves an over-large limit at its maximum. */
function clampLimit(raw: string | undefined, fallback: number, max: number): number {
  const limit = raw === undefined ? fallback : Number(raw);
  return Math.min(Math.max(limit, 1), max);
}

async function answer(req: Request, res: Response, method: 'GET' | 'POST', path: string, handler: Handler, deps: PrivateRouteDeps): Promise<void> {
  const fault = deps.faults.take(path);
  // A gateway failure: nothing behind it ran, and the answer is not Bybit's envelope.
  if (fault?.kind === 'server-error') return void res.status(fault.status).type('text/plain').send('Service Unavailable');
  if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  const now = deps.clock.now();
  const fail = (r: Refusal) => res.json(errorBody(r.retCode, r.retMsg, now));
  const rawQuery = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
  const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
  const header = (name: string) => req.header(name) ?? undefined;
  const wallNow = deps.wallNow();
  const denied = checkRestSignature(
    { apiKey: header('X-BAPI-API-KEY'), sign: header('X-BAPI-SIGN'), timestamp: header('X-BAPI-TIMESTAMP'), recvWindow: header('X-BAPI-RECV-WINDOW'), payload: method === 'GET' ? rawQuery : body },
    deps.credentials,
    wallNow,
  );
  if (denied) return void fail(denied);
  const limit = fault?.kind === 'rate-limit' ? { allowed: false, limit: deps.limiter.limitOf(path) ?? 1, remaining: 0, resetAt: wallNow + 1000 } : deps.limiter.take(path, wallNow);
  if (limit) {
    res.setHeader('X-Bapi-Limit', String(limit.limit));
    res.setHeader('X-Bapi-Limit-Status', String(limit.remaining));
    res.setHeader('X-Bapi-Limit-Reset-Timestamp', String(limit.resetAt));
    if (!limit.allowed) return void fail(refusal(RET.tooManyVisits));
  }
  let params: unknown;
  if (method === 'GET') params = Object.fromEntries(new URLSearchParams(rawQuery));
  else {
    try {
      params = body === '' ? {} : JSON.parse(body);
    } catch {
      return void fail(refusal(RET.params, 'params error: request body is not valid JSON'));
    }
  }
  const result = handler(params);
  // Carried out, answer lost: the connection drops as if the network ate the response.
  if (fault?.kind === 'lose-response') return void req.socket.destroy();
  if (isRefusal(result)) return void fail(result);
  res.json(okBody(result, now));
}
