import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkerReplySchema, type SimulationTask, type SimulationTaskResult } from './simulation-tasks.ts';

/** Worker threads do not inherit tsx's loader, so each one registers it before importing the TypeScript worker. */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
const WORKER_BOOT = new URL(
  `data:text/javascript,${encodeURIComponent(
    `import { register } from ${JSON.stringify(TSX_API)}; register(); await import(${JSON.stringify(new URL('./simulation-worker.ts', import.meta.url).href)});`,
  )}`,
);

export interface SimulationPool {
  /** The task's result, of the task's own kind. */
  run<K extends SimulationTask['kind']>(task: Extract<SimulationTask, { kind: K }>): Promise<Extract<SimulationTaskResult, { kind: K }>>;
  close(): Promise<void>;
}

interface Pending {
  task: SimulationTask;
  resolve(result: SimulationTaskResult): void;
  reject(error: Error): void;
}

/**
 * Simulations of the review loop on worker threads, so a 100k-candle comparison never blocks the
 * relay's HTTP and stream traffic. Workers start on first use and are reused; one less than the
 * cores (at least one), since the main thread serves requests meanwhile.
 */
export function createSimulationPool(size = Math.max(1, availableParallelism() - 1)): SimulationPool {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  let nextId = 1;
  let closed = false;

  const spawn = (): Worker => {
    const worker = new Worker(WORKER_BOOT);
    // An idle worker must not keep the process alive; the pool's owner closes it.
    worker.unref();
    all.add(worker);
    worker.on('message', (message: unknown) => {
      const pending = busy.get(worker);
      busy.delete(worker);
      const reply = WorkerReplySchema.safeParse(message);
      if (pending !== undefined) {
        if (!reply.success) pending.reject(new Error(`malformed worker reply: ${reply.error.message}`));
        else if (reply.data.ok) pending.resolve(reply.data.result);
        else pending.reject(new Error(reply.data.error));
      }
      idle.push(worker);
      pump();
    });
    worker.on('error', (error) => {
      busy.get(worker)?.reject(error);
      busy.delete(worker);
      all.delete(worker);
      pump();
    });
    return worker;
  };

  const pump = () => {
    while (!closed && queue.length > 0) {
      const worker = idle.pop() ?? (all.size < size ? spawn() : undefined);
      if (worker === undefined) return;
      const pending = queue.shift()!;
      busy.set(worker, pending);
      worker.postMessage({ id: nextId++, task: pending.task });
    }
  };

  return {
    run: <K extends SimulationTask['kind']>(task: Extract<SimulationTask, { kind: K }>) =>
      new Promise<Extract<SimulationTaskResult, { kind: K }>>((resolve, reject) => {
        if (closed) return reject(new Error('the simulation pool is closed'));
        // A worker answers a task with a result of the task's kind (runSimulationTask).
        queue.push({ task, resolve: resolve as Pending['resolve'], reject });
        pump();
      }),
    close: async () => {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('the simulation pool closed'));
      for (const pending of busy.values()) pending.reject(new Error('the simulation pool closed'));
      await Promise.all([...all].map((w) => w.terminate()));
      all.clear();
    },
  };
}
