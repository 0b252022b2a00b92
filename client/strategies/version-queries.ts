import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateVersionRequest } from '../../shared/strategy-versions/index.ts';
import { versionsApi } from './versions-api.ts';
import { createVersionsMirror, VersionsDb } from './versions-mirror.ts';

const VERSIONS_KEY = 'strategy-versions';
const versionsKey = (strategyId: string) => [VERSIONS_KEY, strategyId] as const;

let mirror: ReturnType<typeof createVersionsMirror> | null = null;
/** The page's one copy in IndexedDB, opened on first use. */
const readVersions = (strategyId: string) => (mirror ??= createVersionsMirror(new VersionsDb(), versionsApi.list))(strategyId);

/** Every version of one strategy, as the relay lists them, or this browser's last copy while the relay is unreachable. */
export function useVersions(strategyId: string) {
  return useQuery({ queryKey: versionsKey(strategyId), queryFn: () => readVersions(strategyId) });
}

/** A change made elsewhere (e.g. a review loop's run marking a draft simulated) is re-read. */
export const invalidateVersions = (queryClient: ReturnType<typeof useQueryClient>, strategyId: string) => queryClient.invalidateQueries({ queryKey: versionsKey(strategyId) });

/** The versions of several strategies at once (the strategies list shows each one's active version). */
export function useVersionsOf(strategyIds: readonly string[]) {
  return useQueries({ queries: strategyIds.map((id) => ({ queryKey: versionsKey(id), queryFn: () => readVersions(id) })) });
}

export type VersionAction =
  | { kind: 'create'; request: CreateVersionRequest }
  | { kind: 'approve'; version: number; runId: string }
  | { kind: 'reject'; version: number; reason: string }
  | { kind: 'activate'; version: number }
  | { kind: 'rollback' };

/** The answer is only re-read through the list, so its shape does not matter here. */
function perform(strategyId: string, action: VersionAction): Promise<unknown> {
  switch (action.kind) {
    case 'create':
      return versionsApi.create(strategyId, action.request);
    case 'approve':
      return versionsApi.approve(strategyId, action.version, action.runId);
    case 'reject':
      return versionsApi.reject(strategyId, action.version, action.reason);
    case 'activate':
      return versionsApi.activate(strategyId, action.version);
    case 'rollback':
      return versionsApi.rollback(strategyId);
  }
}

/** One write to the versions of a strategy; any of them can change several versions' states, so the list is re-read. */
export function useVersionAction(strategyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: VersionAction) => perform(strategyId, action),
    onSettled: () => queryClient.invalidateQueries({ queryKey: versionsKey(strategyId) }),
  });
}
