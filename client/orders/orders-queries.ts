import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OrderRecord, PlaceOrderRequest } from '../../shared/execution/index.ts';
import { ordersApi } from './orders-api.ts';

/** Paper fills arrive with ticker pushes, so the panel polls about as often as a trader looks. */
export const ORDERS_POLL_MS = 2_000;
const HISTORY_DETAILS = 10;

const ORDERS_KEY = 'orders';

export function useOpenOrders() {
  return useQuery({ queryKey: [ORDERS_KEY, 'open'], queryFn: async () => (await ordersApi.list('open')).orders, refetchInterval: ORDERS_POLL_MS });
}

export function useClosedOrders() {
  return useQuery({ queryKey: [ORDERS_KEY, 'closed'], queryFn: async () => (await ordersApi.list('closed')).orders, refetchInterval: ORDERS_POLL_MS });
}

/** Fills of the newest closed orders; a closed order never changes, so each is fetched once. */
export function useClosedOrderFills(orders: readonly OrderRecord[]) {
  return useQueries({
    queries: orders.slice(0, HISTORY_DETAILS).map((order) => ({
      queryKey: [ORDERS_KEY, 'detail', order.id],
      queryFn: () => ordersApi.detail(order.id),
      staleTime: Infinity,
    })),
  });
}

export function usePositions() {
  return useQuery({ queryKey: ['positions'], queryFn: () => ordersApi.positions(), refetchInterval: ORDERS_POLL_MS });
}

/** Under the positions key, so every execution write refetches it with the venue's. */
export function useRunPositions(strategyRunId: string) {
  return useQuery({ queryKey: ['positions', 'run', strategyRunId], queryFn: () => ordersApi.positions(strategyRunId), refetchInterval: ORDERS_POLL_MS });
}

export function useBalances() {
  return useQuery({ queryKey: ['balances'], queryFn: () => ordersApi.balances(), refetchInterval: ORDERS_POLL_MS });
}

export function useReconciliation() {
  return useQuery({ queryKey: ['reconciliation'], queryFn: () => ordersApi.reconciliation(), refetchInterval: ORDERS_POLL_MS, retry: false });
}

/** Dead letters are the operator's to read: a viewer never asks. */
export function usePendingDeadLetters(enabled: boolean) {
  return useQuery({ queryKey: ['dead-letters', 'pending'], queryFn: async () => (await ordersApi.pendingDeadLetters()).deadLetters.length, refetchInterval: ORDERS_POLL_MS, retry: false, enabled });
}

/** Every write changes orders, positions and balances at once (the kill switch the live arming too): refetch them all. */
function useExecutionWrite<A, R>(mutationFn: (arg: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => Promise.all([ORDERS_KEY, 'positions', 'balances', 'status'].map((key) => queryClient.invalidateQueries({ queryKey: [key] }))),
  });
}

export const usePlaceOrder = () => useExecutionWrite((request: PlaceOrderRequest) => ordersApi.place(request));
export const useCancelOrder = () => useExecutionWrite((id: string) => ordersApi.cancel(id));
export const useCancelAll = () => useExecutionWrite(() => ordersApi.cancelAll());
export const useSetLiveArmed = () => useExecutionWrite((armed: boolean) => ordersApi.setLiveArmed(armed));
