import { columnsFromCandles, datasetHash, type CandleColumns } from '../../shared/backtest/index.ts';
import { INTERVAL_MS, type Candle, type Interval } from '../../shared/market/index.ts';
import { loadCandles, type CandleCache } from '../cache/load-candles.ts';

/** Below this a backtest says nothing (the slowest default warm-up is ~30 candles). */
export const MIN_DATASET_CANDLES = 100;

export interface SimulationDataset {
  /** Names the exact candles: symbol, interval and their hash. */
  id: string;
  candles: Candle[];
  columns: CandleColumns;
  hash: string;
  /** A missing range could not be fetched; the run uses what the cache had. */
  fetchWarning: string | null;
}

/** Only closed candles: the forming one would change under the run and make the hash unrepeatable. */
export function closedCandles(candles: readonly Candle[], interval: Interval, now: number): Candle[] {
  return candles.filter((c) => c.openTime + INTERVAL_MS[interval] <= now);
}

/**
 * Candles for a run from the IndexedDB cache, fetching only missing ranges through the relay.
 * Throws a message the page can show when there is too little data.
 */
export async function loadSimulationDataset(
  cache: CandleCache,
  symbol: string,
  interval: Interval,
  from: number,
  to: number,
  now = Date.now(),
): Promise<SimulationDataset> {
  const loaded = await loadCandles(cache, symbol, interval, from, Math.min(to, now));
  const candles = closedCandles(loaded.candles, interval, now);
  if (candles.length < MIN_DATASET_CANDLES) {
    const why = loaded.fetchError ? ` (fetching them failed: ${loaded.fetchError.message})` : '';
    throw new Error(
      `only ${candles.length} closed ${interval} candles of ${symbol} in the chosen range${why}; a run needs at least ${MIN_DATASET_CANDLES} — widen the date range or pick a shorter interval`,
    );
  }
  const columns = columnsFromCandles(candles);
  const hash = await datasetHash(columns);
  return {
    id: `${symbol}:${interval}:${hash}`,
    candles,
    columns,
    hash,
    fetchWarning: loaded.fetchError ? `some candles could not be fetched (${loaded.fetchError.message}); ran on the ${candles.length} cached ones` : null,
  };
}
