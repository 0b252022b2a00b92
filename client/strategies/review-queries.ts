import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiRequestError } from '../market/api-client.ts';
import { reviewApi, type ReviewLoopStart } from './review-api.ts';

const SUGGESTIONS_KEY = 'ai-suggestions';
const LOOP_KEY = 'review-loop';
const RUNNER_KEY = 'strategy-runner';
/** A loop round takes seconds; a runner acts once per closed candle. */
const LOOP_POLL_MS = 1_000;
const RUNNER_POLL_MS = 3_000;

/** The strategy's stored suggestions, newest first, valid or not. */
export function useSuggestions(strategyId: string) {
  return useQuery({ queryKey: [SUGGESTIONS_KEY, strategyId], queryFn: () => reviewApi.suggestions(strategyId) });
}

/** One review loop, polled while it runs (the panel re-reads the suggestions and versions each finished round touched). */
export function useReviewLoop(loopId: string | null) {
  return useQuery({
    queryKey: [LOOP_KEY, loopId],
    queryFn: () => reviewApi.loop(loopId!),
    enabled: loopId !== null,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? LOOP_POLL_MS : false),
  });
}

export function useStartLoop(strategyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: ReviewLoopStart) => reviewApi.startLoop(strategyId, request),
    onSuccess: (loop) => queryClient.setQueryData([LOOP_KEY, loop.loopId], loop),
  });
}

export function useCancelLoop() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (loopId: string) => reviewApi.cancelLoop(loopId),
    onSuccess: (loop) => queryClient.setQueryData([LOOP_KEY, loop.loopId], loop),
  });
}

/** 404 means the strategy has no running version: not an error to show, just nothing running. */
const notRunning = (err: unknown) => err instanceof ApiRequestError && err.status === 404;

async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (notRunning(err)) return null;
    throw err;
  }
}

/** The active version's run and its per-trade parity with the backtest; null while nothing runs. */
export function useRunnerParity(strategyId: string, activeVersion: number | null) {
  return useQuery({
    queryKey: [RUNNER_KEY, strategyId, activeVersion],
    queryFn: () => orNull(() => reviewApi.parity(strategyId)),
    enabled: activeVersion !== null,
    refetchInterval: RUNNER_POLL_MS,
  });
}

export const invalidateSuggestions = (queryClient: ReturnType<typeof useQueryClient>, strategyId: string) =>
  queryClient.invalidateQueries({ queryKey: [SUGGESTIONS_KEY, strategyId] });
