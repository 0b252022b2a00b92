import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Drawing } from '../../shared/drawings/index.ts';
import type { DrawingsRepository } from './drawings-repository.ts';

/** A symbol's drawings as this browser has them (IndexedDB), the list the chart shows. */
export const drawingsQueryKey = (symbol: string) => ['drawings', symbol] as const;
const relaySyncQueryKey = (symbol: string) => ['drawings-relay-sync', symbol] as const;

const NO_DRAWINGS: readonly Drawing[] = [];

/**
 * Local-first: the IndexedDB list shows at once; the relay pull (flush the outbox, merge the
 * relay's drawings into IndexedDB) then replaces it. A failed pull leaves the local list shown.
 */
export function useSymbolDrawings(repository: DrawingsRepository, symbol: string) {
  const queryClient = useQueryClient();
  const local = useQuery({ queryKey: drawingsQueryKey(symbol), queryFn: () => repository.list(symbol) });
  const relaySync = useQuery({
    queryKey: relaySyncQueryKey(symbol),
    queryFn: async () => {
      const merged = await repository.refresh(symbol);
      queryClient.setQueryData(drawingsQueryKey(symbol), merged);
      return merged.length;
    },
    // The repository's background sync retries the outbox; a failed pull is reported, not repeated.
    retry: false,
  });
  return { drawings: local.data ?? NO_DRAWINGS, local, relaySync };
}

/** Saves (creates or revises) a drawing: shown at once, written to IndexedDB, queued for the relay. */
export function useSaveDrawing(repository: DrawingsRepository) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (drawing: Drawing) => repository.save(drawing),
    onMutate: (drawing) => {
      queryClient.setQueryData<readonly Drawing[]>(drawingsQueryKey(drawing.symbol), (list = NO_DRAWINGS) =>
        list.some((d) => d.id === drawing.id) ? list.map((d) => (d.id === drawing.id ? drawing : d)) : [...list, drawing],
      );
    },
    onSettled: (_result, _error, drawing) => queryClient.invalidateQueries({ queryKey: drawingsQueryKey(drawing.symbol) }),
  });
}

/** Deletes a drawing: hidden at once, removed from IndexedDB, the deletion queued for the relay. */
export function useRemoveDrawing(repository: DrawingsRepository) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (drawing: Drawing) => repository.remove(drawing.id),
    onMutate: (drawing) => {
      queryClient.setQueryData<readonly Drawing[]>(drawingsQueryKey(drawing.symbol), (list = NO_DRAWINGS) => list.filter((d) => d.id !== drawing.id));
    },
    onSettled: (_result, _error, drawing) => queryClient.invalidateQueries({ queryKey: drawingsQueryKey(drawing.symbol) }),
  });
}
