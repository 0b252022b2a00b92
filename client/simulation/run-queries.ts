import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { simulationRepository } from './browser-simulation-repository.ts';
import type { StoredRun } from './simulation-db.ts';

const RECENT_RUNS = 20;
export const recentRunsQueryKey = ['simulation-runs', 'recent'] as const;

/** The newest runs kept in IndexedDB, with whether the relay has recorded each. */
export function useRecentRuns() {
  return useQuery({ queryKey: recentRunsQueryKey, queryFn: () => simulationRepository().recent(RECENT_RUNS) });
}

/** Posts a stored run to the relay again (it is idempotent on runId), then re-reads the list. */
export function useRetryRunPost() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (run: StoredRun) => simulationRepository().sync(run),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recentRunsQueryKey }),
  });
}

/** One stored run by id (null when this browser does not have it); idle while no run is chosen. */
export function useStoredRun(runId: string | null) {
  return useQuery({
    queryKey: ['simulation-runs', 'run', runId],
    queryFn: async () => (runId === null ? null : ((await simulationRepository().get(runId)) ?? null)),
    enabled: runId !== null,
  });
}
