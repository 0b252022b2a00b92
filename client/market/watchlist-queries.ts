import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WatchlistResponseSchema } from '../../shared/watchlist/index.ts';
import { useSession } from '../access/session-queries.ts';
import { requestJson } from './api-client.ts';

const WATCHLIST_KEY = ['watchlist'] as const;
const path = (symbol: string) => `/api/v1/watchlist/${encodeURIComponent(symbol)}`;

/** The relay's favourites; empty (not an error) for a browser that is not signed in. */
export function useWatchlist() {
  const session = useSession();
  const signedIn = session.data?.role != null;
  const query = useQuery({
    queryKey: WATCHLIST_KEY,
    queryFn: async () => (await requestJson('/api/v1/watchlist', WatchlistResponseSchema)).symbols,
    enabled: signedIn,
    staleTime: 30_000,
  });
  return { symbols: query.data ?? [], error: query.error, canEdit: session.data?.role === 'operator' };
}

/** Stars or unstars one symbol; the star flips at once and flips back with the relay's reason if it refuses. */
export function useToggleFavourite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ symbol, starred }: { symbol: string; starred: boolean }) =>
      requestJson(path(symbol), WatchlistResponseSchema, fetch, { method: starred ? 'PUT' : 'DELETE' }),
    onMutate: async ({ symbol, starred }) => {
      await queryClient.cancelQueries({ queryKey: WATCHLIST_KEY });
      const before = queryClient.getQueryData<string[]>(WATCHLIST_KEY);
      const without = (before ?? []).filter((s) => s !== symbol);
      queryClient.setQueryData(WATCHLIST_KEY, starred ? [...without, symbol] : without);
      return { before };
    },
    onError: (_err, _vars, context) => queryClient.setQueryData(WATCHLIST_KEY, context?.before),
    onSuccess: (answer) => queryClient.setQueryData(WATCHLIST_KEY, answer.symbols),
  });
}
