import {
  BalancesResponseSchema,
  CancelAllResponseSchema,
  CancelOrderResponseSchema,
  DeadLettersResponseSchema,
  LiveArmResponseSchema,
  OrderDetailResponseSchema,
  OrderListResponseSchema,
  PlaceOrderResponseSchema,
  PositionsResponseSchema,
  ReconciliationStateSchema,
  type PlaceOrderRequest,
} from '../../shared/execution/index.ts';
import { requestJson } from '../market/api-client.ts';

/** The relay's execution API (relay/execution/orders-api.ts), checked against the shared schemas. */
export const ordersApi = {
  list: (status: 'open' | 'closed') => requestJson(`/api/v1/orders?status=${status}`, OrderListResponseSchema),
  detail: (id: string) => requestJson(`/api/v1/orders/${encodeURIComponent(id)}`, OrderDetailResponseSchema),
  /** The venue's positions, or only those from the fills of one strategy run's orders. */
  positions: (strategyRunId?: string) =>
    requestJson(strategyRunId === undefined ? '/api/v1/positions' : `/api/v1/positions?strategyRunId=${encodeURIComponent(strategyRunId)}`, PositionsResponseSchema),
  balances: () => requestJson('/api/v1/balances', BalancesResponseSchema),
  place: (request: PlaceOrderRequest) => requestJson('/api/v1/orders', PlaceOrderResponseSchema, fetch, { method: 'POST', body: request }),
  cancel: (id: string) => requestJson(`/api/v1/orders/${encodeURIComponent(id)}/cancel`, CancelOrderResponseSchema, fetch, { method: 'POST' }),
  cancelAll: () => requestJson('/api/v1/orders/cancel-all', CancelAllResponseSchema, fetch, { method: 'POST' }),
  setLiveArmed: (armed: boolean) => requestJson('/api/v1/trading/live', LiveArmResponseSchema, fetch, { method: 'PUT', body: { armed } }),
  reconciliation: () => requestJson('/api/v1/reconciliation', ReconciliationStateSchema),
  pendingDeadLetters: () => requestJson('/api/v1/dead-letters?state=pending', DeadLettersResponseSchema),
};
