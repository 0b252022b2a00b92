import * as Comlink from 'comlink';
import type { SweepPoint } from './backtest-worker-api.ts';
import { chunkCandidates } from './sweep-grid.ts';
import { SimulationCancelledError, type LoadDatasetRequest, type ProgressCallback, type SweepRequest } from './worker-messages.ts';

/** The part of a backtest worker a sweep uses; satisfied by the api itself and by its comlink Remote. */
export interface SweepWorker {
  loadDataset(request: LoadDatasetRequest): unknown;
  sweep(jobId: string, request: SweepRequest, onProgress?: ProgressCallback): Promise<SweepPoint[]> | SweepPoint[];
  cancel(jobId: string): unknown;
}

/** Sweeps use every core the browser reports, and at least one. */
export function poolSize(hardwareConcurrency: number | undefined): number {
  return Math.max(1, Math.floor(hardwareConcurrency ?? 1));
}

export interface SweepJob {
  jobId: string;
  request: SweepRequest;
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/**
 * Runs a sweep's candidates over the workers: chunks are handed out from one queue as workers come
 * free, progress is summed over chunks, and an abort stops handing out chunks and tells every
 * worker to cancel. Results come back in candidate order whatever order the workers finish in.
 * The dataset named in the request must already be loaded in every worker.
 */
export async function runSweep(workers: readonly SweepWorker[], { jobId, request, onProgress, signal }: SweepJob): Promise<SweepPoint[]> {
  if (workers.length === 0) throw new Error('a sweep needs at least one worker');
  const chunks = chunkCandidates(request.candidates, workers.length);
  const results: SweepPoint[][] = new Array<SweepPoint[]>(chunks.length);
  const doneByChunk = new Array<number>(chunks.length).fill(0);
  const total = request.candidates.length;
  let next = 0;
  let failure: unknown = null;

  const report = () => onProgress?.({ phase: 'sweep', done: doneByChunk.reduce((a, b) => a + b, 0), total });
  const stopAll = () => {
    for (const worker of workers) void Promise.resolve(worker.cancel(jobId)).catch(() => undefined);
  };
  const onAbort = () => stopAll();
  signal?.addEventListener('abort', onAbort, { once: true });

  const drain = async (worker: SweepWorker) => {
    while (failure === null && !signal?.aborted && next < chunks.length) {
      const index = next++;
      const progress = Comlink.proxy((p: { done: number }) => {
        doneByChunk[index] = p.done;
        report();
      });
      try {
        results[index] = await worker.sweep(jobId, { ...request, candidates: chunks[index]! }, progress);
      } catch (err) {
        failure ??= err;
        stopAll();
      }
    }
  };

  try {
    report();
    await Promise.all(workers.map(drain));
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new SimulationCancelledError(`sweep ${jobId} cancelled`);
  if (failure !== null) throw failure;
  return results.flat();
}
