/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { createBacktestWorkerApi } from './backtest-worker-api.ts';

// Backtests and sweeps stay off the UI thread; the page talks to this through comlink.
Comlink.expose(createBacktestWorkerApi());
