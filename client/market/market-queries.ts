import { useQuery } from '@tanstack/react-query';
import { fetchStatus, fetchSymbols, fetchTickers } from './api-client.ts';

const RECOVERY_POLL_MS = 5_000;

export function useSymbols() {
  return useQuery({
    queryKey: ['symbols'],
    queryFn: () => fetchSymbols(),
    staleTime: 10 * 60_000,
    // Without symbols the dashboard is empty, so keep trying while Bybit or the relay is down.
    refetchInterval: (query) => (query.state.status === 'error' ? RECOVERY_POLL_MS : false),
  });
}

/** REST snapshot of every spot ticker; the stream keeps the visible rows live in between. */
export function useTickerSnapshot() {
  return useQuery({ queryKey: ['tickers'], queryFn: () => fetchTickers([]), refetchInterval: 60_000 });
}

export const STATUS_POLL_MS = 5_000;

export function useRelayStatus() {
  return useQuery({ queryKey: ['status'], queryFn: () => fetchStatus(), refetchInterval: STATUS_POLL_MS, retry: false });
}
