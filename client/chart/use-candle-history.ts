import { useEffect, useState } from 'react';
import { candleOpenTime, INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import { loadCandles, storeLiveCandle, type CandleCache } from '../cache/load-candles.ts';
import { useStreamConnection } from '../market/stream-context.tsx';
import { liveGap, resumeRange, type HeldCandle } from './candle-gap.ts';
import type { ChartController } from './chart-controller.ts';
import { GapHealer } from './gap-healer.ts';

/** Candles per history page: the first screen, each scroll-back request and the largest heal. */
export const HISTORY_PAGE = 500;

export type HistoryState =
  | { phase: 'loading' }
  | { phase: 'ready'; cachedOnly: boolean; exhausted: boolean }
  | { phase: 'error'; message: string };

interface KeyedState {
  key: string;
  state: HistoryState;
}

/**
 * Feeds the chart: the latest page from cache/relay, older pages on scroll-back, and the forming
 * candle from the stream. Candles missed while the stream was down (browser or Bybit side) are
 * fetched and merged in. Switching symbol or interval drops everything and starts over.
 */
export function useCandleHistory(controller: ChartController, cache: CandleCache, symbol: string, interval: Interval): HistoryState {
  const connection = useStreamConnection();
  const key = `${symbol}:${interval}`;
  const [keyed, setKeyed] = useState<KeyedState>({ key: '', state: { phase: 'loading' } });

  useEffect(() => {
    let cancelled = false;
    let loadingOlder = false;
    let exhausted = false;
    const step = INTERVAL_MS[interval];
    /** Newest open time known closed: a held bar up to here needs no refetch after a drop. */
    let finalThrough = -Infinity;
    controller.reset([], interval);

    const held = (): HeldCandle | null => {
      const last = controller.getCandles().at(-1);
      return last ? { openTime: last.openTime, final: last.openTime <= finalThrough } : null;
    };
    const load = async (from: number, to: number) => {
      const fetchedAt = Date.now();
      const result = await loadCandles(cache, symbol, interval, from, to);
      if (!result.fetchError) finalThrough = Math.max(finalThrough, candleOpenTime(fetchedAt, interval) - step);
      return result;
    };

    const healer = new GapHealer({
      load: async (range) => (await load(range.from, range.to)).candles,
      apply: (candles, range) => (range.replace ? controller.reset(candles, interval) : controller.mergeHistory(candles)),
      reapplyLive: (candle) => controller.applyLive(candle),
      failed: (err) => console.warn(`healing ${key} candles failed:`, err),
    });

    const now = Date.now();
    void load(candleOpenTime(now, interval) - (HISTORY_PAGE - 1) * step, now).then(
      ({ candles, fetchError }) => {
        if (cancelled) return;
        controller.reset(candles, interval);
        const state: HistoryState =
          candles.length === 0 && fetchError
            ? { phase: 'error', message: fetchError.message }
            : { phase: 'ready', cachedOnly: fetchError !== null, exhausted: false };
        setKeyed({ key, state });
      },
      (err: unknown) => !cancelled && setKeyed({ key, state: { phase: 'error', message: String(err) } }),
    );

    const stopPaging = controller.onNearLeftEdge(() => {
      const oldest = controller.getCandles()[0];
      if (loadingOlder || exhausted || !oldest) return;
      loadingOlder = true;
      const to = oldest.openTime - step;
      void loadCandles(cache, symbol, interval, to - (HISTORY_PAGE - 1) * step, to)
        .then(({ candles, fetchError }) => {
          if (cancelled) return;
          // An empty page fetched without error means the exchange has nothing older.
          if (candles.length === 0 && !fetchError) {
            exhausted = true;
            setKeyed((current) => (current.key === key && current.state.phase === 'ready' ? { key, state: { ...current.state, exhausted: true } } : current));
          }
          controller.prepend(candles);
        })
        .finally(() => {
          loadingOlder = false;
        });
    });

    const stopLive = connection.subscribe([{ kind: 'kline', symbol, interval }], (event) => {
      if (event.type !== 'kline') return;
      const gap = liveGap(held(), event.candle, interval, HISTORY_PAGE);
      if (gap) healer.request(gap);
      healer.noteLive(event.candle);
      controller.applyLive(event.candle);
      if (!event.closed) return;
      finalThrough = Math.max(finalThrough, event.candle.openTime);
      // Forming candles are refetched anyway; only final ones are worth an IndexedDB write.
      storeLiveCandle(cache.db, symbol, interval, event.candle, true).catch((err: unknown) => console.warn(`caching a live ${key} candle failed:`, err));
    });

    // Whatever closed while the browser's socket or the relay's Bybit link was down is reloaded
    // once the link is back, even if no later kline would reveal the hole.
    const healAfterDrop = () => {
      const range = resumeRange(held(), Date.now(), interval, HISTORY_PAGE);
      if (range) healer.request(range);
    };
    let socketDown = false;
    const stopConnection = connection.onConnection(({ state }) => {
      if (state !== 'open') socketDown = true;
      else if (socketDown) {
        socketDown = false;
        healAfterDrop();
      }
    });
    let upstreamDown = false;
    const stopUpstream = connection.onUpstreamStatus(({ status }) => {
      if (status.state !== 'connected') upstreamDown = true;
      else if (upstreamDown) {
        upstreamDown = false;
        healAfterDrop();
      }
    });

    return () => {
      cancelled = true;
      healer.dispose();
      stopPaging();
      stopLive();
      stopConnection();
      stopUpstream();
    };
  }, [controller, cache, connection, symbol, interval, key]);

  return keyed.key === key ? keyed.state : { phase: 'loading' };
}
