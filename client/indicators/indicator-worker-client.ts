import * as Comlink from 'comlink';
import type { IndicatorWorkerApi } from './indicator-worker-api.ts';

export type IndicatorWorker = Comlink.Remote<IndicatorWorkerApi>;

let shared: IndicatorWorker | null = null;

/** One worker per tab: sessions of every chart layer live in it. */
export function indicatorWorker(): IndicatorWorker {
  shared ??= Comlink.wrap<IndicatorWorkerApi>(new Worker(new URL('./indicator.worker.ts', import.meta.url), { type: 'module' }));
  return shared;
}
