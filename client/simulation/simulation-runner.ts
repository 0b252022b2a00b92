import * as Comlink from 'comlink';
import type { CandleColumns } from '../../shared/backtest/index.ts';
import type { BacktestOutput, BacktestWorkerApi, CompareOutput, SweepPoint } from './backtest-worker-api.ts';
import { poolSize, runSweep } from './worker-pool.ts';
import { SimulationCancelledError, type BacktestRequest, type CompareRequest, type ProgressCallback, type SweepRequest } from './worker-messages.ts';

interface PooledWorker {
  worker: Worker;
  remote: Comlink.Remote<BacktestWorkerApi>;
}

function spawn(): PooledWorker {
  const worker = new Worker(new URL('./backtest.worker.ts', import.meta.url), { type: 'module' });
  return { worker, remote: Comlink.wrap<BacktestWorkerApi>(worker) };
}

export interface JobOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

/**
 * The page's handle on the backtest workers: one for single runs and comparisons, the whole pool
 * (one per core) for sweeps. A single run is one synchronous engine call inside its worker, so
 * cancelling it terminates that worker and starts a fresh one; sweeps cancel cooperatively.
 */
export class SimulationRunner {
  private readonly workers: (PooledWorker | null)[];

  constructor(size = poolSize(globalThis.navigator?.hardwareConcurrency)) {
    this.workers = new Array<PooledWorker | null>(size).fill(null);
  }

  get size(): number {
    return this.workers.length;
  }

  async backtest(columns: CandleColumns, request: BacktestRequest, options: JobOptions = {}): Promise<BacktestOutput> {
    return this.single(columns, request.datasetId, options, (remote, progress) => remote.runBacktest(request, progress));
  }

  async compare(columns: CandleColumns, request: CompareRequest, options: JobOptions = {}): Promise<CompareOutput> {
    return this.single(columns, request.datasetId, options, (remote, progress) => remote.compare(request, progress));
  }

  async sweep(columns: CandleColumns, request: SweepRequest, options: JobOptions = {}): Promise<SweepPoint[]> {
    const pool = this.workers.map((_, i) => this.worker(i));
    await Promise.all(pool.map((w) => w.remote.loadDataset({ datasetId: request.datasetId, columns })));
    const remotes = pool.map((w) => w.remote);
    return runSweep(remotes, { jobId: crypto.randomUUID(), request, ...options });
  }

  dispose(): void {
    this.workers.forEach((_, i) => this.terminate(i));
  }

  private worker(i: number): PooledWorker {
    const existing = this.workers[i];
    if (existing) return existing;
    const fresh = spawn();
    this.workers[i] = fresh;
    return fresh;
  }

  private terminate(i: number): void {
    const w = this.workers[i];
    if (!w) return;
    w.remote[Comlink.releaseProxy]();
    w.worker.terminate();
    this.workers[i] = null;
  }

  private async single<T>(
    columns: CandleColumns,
    datasetId: string,
    { onProgress, signal }: JobOptions,
    call: (remote: Comlink.Remote<BacktestWorkerApi>, progress: ProgressCallback | undefined) => Promise<T>,
  ): Promise<T> {
    if (signal?.aborted) throw new SimulationCancelledError('cancelled before it started');
    const { remote } = this.worker(0);
    let onAbort: () => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        this.terminate(0);
        reject(new SimulationCancelledError('simulation cancelled'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const work = (async () => {
        await remote.loadDataset({ datasetId, columns });
        return call(remote, onProgress ? Comlink.proxy(onProgress) : undefined);
      })();
      return await Promise.race([work, aborted]);
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
