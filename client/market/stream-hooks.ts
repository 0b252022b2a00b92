import { useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type { Interval, Ticker } from '../../shared/market/index.ts';
import type { ConnectionState, KlineEvent, StreamedUpstreamStatus } from './stream-connection.ts';
import { useStreamConnection } from './stream-context.tsx';

/** Re-rendering per tick for hundreds of rows is wasteful; updates are flushed at most this often. */
const TICKER_FLUSH_MS = 250;

/** Latest streamed ticker per symbol for the given symbols (empty until the first tick). */
export function useLiveTickers(symbols: readonly string[]): ReadonlyMap<string, Ticker> {
  const connection = useStreamConnection();
  const [tickers, setTickers] = useState<ReadonlyMap<string, Ticker>>(() => new Map());
  const key = symbols.join(',');

  useEffect(() => {
    const wanted = key === '' ? [] : key.split(',');
    if (wanted.length === 0) return;
    let pending = new Map<string, Ticker>();
    const unsubscribe = connection.subscribe(
      wanted.map((symbol) => ({ kind: 'ticker' as const, symbol })),
      (event) => {
        if (event.type === 'ticker') pending.set(event.ticker.symbol, event.ticker);
      },
    );
    const timer = setInterval(() => {
      if (pending.size === 0) return;
      const batch = pending;
      pending = new Map();
      setTickers((current) => new Map([...current, ...batch]));
    }, TICKER_FLUSH_MS);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [connection, key]);

  return tickers;
}

/** Calls `onCandle` for every streamed candle of one symbol/interval; re-subscribes when they change. */
export function useKlineStream(symbol: string, interval: Interval, onCandle: (event: KlineEvent) => void): void {
  const connection = useStreamConnection();
  const handle = useEffectEvent((event: KlineEvent) => onCandle(event));
  useEffect(
    () =>
      connection.subscribe([{ kind: 'kline', symbol, interval }], (event) => {
        if (event.type === 'kline') handle(event);
      }),
    [connection, symbol, interval],
  );
}

export function useConnectionState(): ConnectionState {
  const connection = useStreamConnection();
  return useSyncExternalStore(
    (notify) => connection.onConnection(notify),
    () => connection.connectionState(),
  );
}

/** Upstream (Bybit) status as last pushed over the stream; null until the relay sends one. */
export function useStreamedUpstreamStatus(): StreamedUpstreamStatus | null {
  const connection = useStreamConnection();
  return useSyncExternalStore(
    (notify) => connection.onUpstreamStatus(notify),
    () => connection.upstreamStatus(),
  );
}
