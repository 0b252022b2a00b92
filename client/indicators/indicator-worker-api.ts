import * as Comlink from 'comlink';
import { z } from 'zod';
import {
  CandleOrderError,
  computeIndicator,
  createIndicator,
  paramsHash,
  seriesTransferables,
  type IndicatorSeries,
  type IndicatorSpec,
  type StreamingIndicator,
} from '../../shared/indicators/index.ts';
import { INTERVAL_MS, type OhlcvCandle } from '../../shared/market/index.ts';
import type { IndicatorValueStore } from './indicator-value-store.ts';
import {
  parseAtBoundary,
  SeriesKeySchema,
  WorkerCandleSchema,
  WorkerCandlesSchema,
  WorkerSpecSchema,
  type ClosedCandleResult,
  type FormingCandleResult,
  type SeriesKey,
} from './worker-messages.ts';

interface Session {
  key: SeriesKey;
  spec: IndicatorSpec;
  indicator: StreamingIndicator;
  lastTime: number;
}

export interface OpenedSeries {
  series: IndicatorSeries;
  /** Values are still returned when IndexedDB refuses them (private mode, quota); the UI shows why. */
  persistError: string | null;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Same loop as `computeIndicator`, but keeps the indicator so the session can continue live.
 * Candles before `showFrom` are look-back: they settle the values but are not returned.
 */
function replay(
  spec: IndicatorSpec,
  candles: readonly OhlcvCandle[],
  showFrom: number,
): { series: IndicatorSeries; indicator: StreamingIndicator } {
  const indicator = createIndicator(spec);
  let first = 0;
  while (first < candles.length && candles[first]!.openTime < showFrom) indicator.update(candles[first++]!);
  const n = candles.length - first;
  const time = new Float64Array(n);
  const values: Record<string, Float64Array> = {};
  for (const output of indicator.outputs) values[output] = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const candle = candles[first + i]!;
    time[i] = candle.openTime;
    const point = indicator.update(candle);
    if (point === null) continue;
    for (const output of indicator.outputs) values[output]![i] = point.values[output]!;
  }
  return { series: { name: spec.name, paramsHash: paramsHash(spec), outputs: indicator.outputs, time, values }, indicator };
}

/**
 * What the indicator worker exposes over comlink. Pure compute plus optional persistence; also
 * used directly (no worker) by tests. Streaming sessions keep trading-signals state in memory, so
 * a new closed candle costs one `update`, not a recompute of the history.
 */
export function createIndicatorWorkerApi(store: IndicatorValueStore | null) {
  const sessions = new Map<string, Session>();

  async function persist(action: () => Promise<void>): Promise<string | null> {
    if (!store) return null;
    try {
      await action();
      return null;
    } catch (err) {
      return `indicator values not saved: ${errorText(err)}`;
    }
  }

  return {
    /** Batch compute over ascending closed candles; the columns are transferred, not copied. */
    computeSeries(spec: unknown, candles: unknown): IndicatorSeries {
      const series = computeIndicator(
        parseAtBoundary(WorkerSpecSchema, spec, 'indicator spec'),
        parseAtBoundary(WorkerCandlesSchema, candles, 'candles'),
      );
      return Comlink.transfer(series, seriesTransferables(series));
    },

    /**
     * Starts (or restarts) a live session from closed history; returns and stores the series from
     * `showFrom` on (the chart's first candle), the candles before it being the look-back.
     */
    async open(key: unknown, spec: unknown, candles: unknown, showFrom?: unknown): Promise<OpenedSeries> {
      const seriesKey = parseAtBoundary(SeriesKeySchema, key, 'series key');
      const parsedSpec = parseAtBoundary(WorkerSpecSchema, spec, 'indicator spec');
      const history = parseAtBoundary(WorkerCandlesSchema, candles, 'candles');
      const from = parseAtBoundary(z.number().int().optional(), showFrom, 'showFrom') ?? -Infinity;
      const { series, indicator } = replay(parsedSpec, history, from);
      sessions.set(seriesKey.id, { key: seriesKey, spec: parsedSpec, indicator, lastTime: history.at(-1)?.openTime ?? -Infinity });
      const location = { symbol: seriesKey.symbol, interval: seriesKey.interval, spec: parsedSpec };
      // Saved before returning: the transfer below detaches the buffers.
      const persistError = await persist(() => store!.saveSeries(location, series));
      return Comlink.transfer({ series, persistError }, seriesTransferables(series));
    },

    /** The next closed candle of a session: one streaming step from the saved state. */
    async onClosedCandle(id: unknown, candle: unknown): Promise<ClosedCandleResult> {
      const sessionId = parseAtBoundary(z.string().min(1), id, 'session id');
      const closed = parseAtBoundary(WorkerCandleSchema, candle, 'candle');
      const session = sessions.get(sessionId);
      if (!session) return { kind: 'unknown' };
      if (closed.openTime <= session.lastTime) return { kind: 'stale' };
      if (Number.isFinite(session.lastTime) && closed.openTime > session.lastTime + INTERVAL_MS[session.key.interval]) {
        return { kind: 'gap', lastTime: session.lastTime };
      }
      session.lastTime = closed.openTime;
      const point = session.indicator.update(closed);
      if (point === null) return { kind: 'warming' };
      const { symbol, interval } = session.key;
      const persistError = await persist(() => store!.appendPoint({ symbol, interval, spec: session.spec }, session.indicator.outputs, point));
      return { kind: 'point', time: point.time, values: point.values, persistError };
    },

    /**
     * The forming candle as it stands: provisional values, not stored. Its closed candle (through
     * `onClosedCandle`) replaces them with the final ones.
     */
    onFormingCandle(id: unknown, candle: unknown): FormingCandleResult {
      const sessionId = parseAtBoundary(z.string().min(1), id, 'session id');
      const forming = parseAtBoundary(WorkerCandleSchema, candle, 'candle');
      const session = sessions.get(sessionId);
      if (!session) return { kind: 'unknown' };
      if (forming.openTime <= session.lastTime) return { kind: 'stale' };
      if (Number.isFinite(session.lastTime) && forming.openTime > session.lastTime + INTERVAL_MS[session.key.interval]) {
        return { kind: 'gap', lastTime: session.lastTime };
      }
      try {
        const point = session.indicator.preview(forming);
        return point === null ? { kind: 'warming' } : { kind: 'provisional', time: point.time, values: point.values };
      } catch (err) {
        // A newer forming candle while the previewed one never closed: its close was missed.
        if (err instanceof CandleOrderError) return { kind: 'gap', lastTime: session.lastTime };
        throw err;
      }
    },

    close(id: string): void {
      sessions.delete(id);
    },

    /** Stored values for a series in [from, to] (the simulation engine's and tests' read path). */
    async readStored(key: unknown, spec: unknown, from: number, to: number): Promise<IndicatorSeries> {
      if (!store) throw new Error('this indicator worker has no value store');
      const { symbol, interval } = parseAtBoundary(SeriesKeySchema, key, 'series key');
      const parsedSpec = parseAtBoundary(WorkerSpecSchema, spec, 'indicator spec');
      const outputs = createIndicator(parsedSpec).outputs;
      const series = await store.readSeries({ symbol, interval, spec: parsedSpec }, outputs, from, to);
      return Comlink.transfer(series, seriesTransferables(series));
    },
  };
}

export type IndicatorWorkerApi = ReturnType<typeof createIndicatorWorkerApi>;
