import type { CandleColumns } from './candle-columns.ts';
import type { Trade } from './schemas.ts';
import type { BoundStrategy } from '../strategy/strategy.ts';

/**
 * Why each trade ended, read from the tags of the sell orders the strategy placed, without the
 * engine having to carry tags through its fills: the strategy is wrapped and its sell intents are
 * logged by the candle they were decided on. The engine's fill order gives the rule: a market
 * sell decided on candle i-1 fills at candle i's open before any resting order, so a trade that
 * closed at candle i closed on that order; otherwise a resting sell (stop or limit) placed before
 * candle i did it, the latest one still standing.
 */
export interface ExitReasonLog {
  /** Use this strategy for the run; it forwards every step unchanged. */
  strategy: BoundStrategy;
  /** The tag of the order that closed `trade` (null: still open, or the order had no tag). */
  exitTag(trade: Trade, cols: CandleColumns): string | null;
}

export function logExitReasons(inner: BoundStrategy): ExitReasonLog {
  /** Decision candle open time → tag of the market sell decided on it. */
  const marketSells = new Map<number, string | null>();
  /** Resting sells in decision order; a cancel of the sell side is logged as a null tag. */
  const restingTimes: number[] = [];
  const restingTags: (string | null)[] = [];

  const strategy: BoundStrategy = {
    ...inner,
    step(state, candle, position) {
      const result = inner.step(state, candle, position);
      for (const intent of result.intents) {
        if (intent.type === 'market') {
          if (intent.side === 'sell') marketSells.set(candle.openTime, intent.tag ?? null);
        } else if (intent.type === 'cancel') {
          if (intent.side !== 'buy') {
            restingTimes.push(candle.openTime);
            restingTags.push(null);
          }
        } else if (intent.side === 'sell') {
          restingTimes.push(candle.openTime);
          restingTags.push(intent.tag ?? null);
        }
      }
      return result;
    },
  };

  const exitTag = (trade: Trade, cols: CandleColumns): string | null => {
    if (trade.exitTime === null) return null;
    const i = lastIndexAtOrBefore(cols.openTime, trade.exitTime);
    if (i > 0 && cols.openTime[i] === trade.exitTime) {
      const market = marketSells.get(cols.openTime[i - 1]!);
      if (market !== undefined) return market;
    }
    const k = lastIndexAtOrBefore(restingTimes, trade.exitTime - 1);
    return k >= 0 ? restingTags[k]! : null;
  };

  return { strategy, exitTag };
}

/** Index of the last element <= `value` in ascending `times`, or -1. */
function lastIndexAtOrBefore(times: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = times.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
