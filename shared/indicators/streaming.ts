import type { OhlcvCandle } from '../market/index.ts';

/** One closed candle's indicator values, keyed by output name (e.g. `value`, or `macd`/`signal`/`histogram`). */
export interface IndicatorPoint {
  time: number;
  values: Record<string, number>;
}

/**
 * An indicator fed one closed candle at a time. State lives in memory (trading-signals keeps it
 * in private fields that cannot be restored), so a series resumed after a restart is rebuilt by
 * replaying its look-back window (`IndicatorDefinition.lookbackStart`) through `update`.
 */
export interface StreamingIndicator {
  readonly outputs: readonly string[];
  /** Closed candles needed before the first value; `update` returns null until then. */
  readonly requiredInputs: number;
  update(candle: OhlcvCandle): IndicatorPoint | null;
}

export class CandleOrderError extends Error {
  override name = 'CandleOrderError';
}

/**
 * Wraps a per-candle step into a StreamingIndicator. Refuses a candle that is not newer than the
 * previous one: a repeated closed candle from a reconnecting stream would otherwise be counted twice.
 */
export function streamingIndicator(
  outputs: readonly string[],
  requiredInputs: number,
  step: (candle: OhlcvCandle) => Record<string, number> | null,
): StreamingIndicator {
  let lastTime = -Infinity;
  return {
    outputs,
    requiredInputs,
    update(candle) {
      if (!(candle.openTime > lastTime)) {
        throw new CandleOrderError(
          `candle ${candle.openTime} is not newer than the previous one (${lastTime}); feed closed candles in ascending order`,
        );
      }
      lastTime = candle.openTime;
      const values = step(candle);
      return values === null ? null : { time: candle.openTime, values };
    },
  };
}

/** Output list of every single-line indicator. */
export const VALUE_OUTPUT = ['value'] as const;
