/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import { IndicatorDb } from './indicator-db.ts';
import { IndicatorValueStore } from './indicator-value-store.ts';
import { createIndicatorWorkerApi } from './indicator-worker-api.ts';

// Indicator maths and IndexedDB writes of their values both stay off the UI thread.
Comlink.expose(createIndicatorWorkerApi(new IndicatorValueStore(new IndicatorDb())));
