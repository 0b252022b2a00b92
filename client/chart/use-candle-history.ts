import { useEffect, useState } from 'react';
import { candleOpenTime, INTERVAL_MS, type Interval } from '../../shared/market/index.ts';
import { loadCandles, storeLiveCandle, type CandleCache } from '../cache/load-candles.ts';
import { useKlineStream } from '../market/stream-hooks.ts';
import type { ChartController } from './chart-controller.ts';

/** Candles per history page: the first screen and each scroll-back request. */
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
 * candle from the stream. Switching symbol or interval drops everything and starts over.
 */
export function useCandleHistory(controller: ChartController, cache: CandleCache, symbol: string, interval: Interval): HistoryState {
  const key = `${symbol}:${interval}`;
  const [keyed, setKeyed] = useState<KeyedState>({ key: '', state: { phase: 'loading' } });

  useEffect(() => {
    let cancelled = false;
    let loadingOlder = false;
    let exhausted = false;
    const step = INTERVAL_MS[interval];
    const now = Date.now();
    controller.reset([]);

    void loadCandles(cache, symbol, interval, candleOpenTime(now, interval) - (HISTORY_PAGE - 1) * step, now).then(
      ({ candles, fetchError }) => {
        if (cancelled) return;
        controller.reset(candles);
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

    return () => {
      cancelled = true;
      stopPaging();
    };
  }, [controller, cache, symbol, interval, key]);

  useKlineStream(symbol, interval, (event) => {
    controller.applyLive(event.candle);
    // Forming candles are refetched anyway; only final ones are worth an IndexedDB write.
    if (event.closed) void storeLiveCandle(cache.db, symbol, interval, event.candle, true);
  });

  return keyed.key === key ? keyed.state : { phase: 'loading' };
}
