import type { OhlcvCandle } from '../market/index.ts';

/** One candle's indicator values, keyed by output name (e.g. `value`, or `macd`/`signal`/`histogram`). */
export interface IndicatorPoint {
  time: number;
  values: Record<string, number>;
}

/**
 * An indicator fed one candle at a time. State lives in memory (trading-signals keeps it in
 * private fields that cannot be restored), so a series resumed after a restart is rebuilt by
 * replaying its look-back window (`IndicatorDefinition.lookbackStart`) through `update`.
 */
export interface StreamingIndicator {
  readonly outputs: readonly string[];
  /** Closed candles needed before the first value; `update` returns null until then. */
  readonly requiredInputs: number;
  /** A closed candle. If it is the candle last previewed, its final values replace the provisional ones. */
  update(candle: OhlcvCandle): IndicatorPoint | null;
  /**
   * The forming candle as it stands: the values it would give if it closed now. Call again with
   * each newer state of the same candle; `update` with its closed state then settles it, giving
   * exactly what a plain `update` would have.
   */
  preview(candle: OhlcvCandle): IndicatorPoint | null;
}

export class CandleOrderError extends Error {
  override name = 'CandleOrderError';
}

/** A candle with a NaN or infinite field: fed on, it would poison every later recursive value. */
export class InvalidCandleError extends Error {
  override name = 'InvalidCandleError';
}

const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

function assertFinite(candle: OhlcvCandle): void {
  // One expression on the hot path; the field is looked up only to word the error.
  const { open, high, low, close, volume } = candle;
  if (Number.isFinite(open + high + low + close + volume)) return;
  const field = PRICE_FIELDS.find((name) => !Number.isFinite(candle[name]));
  if (field === undefined) return; // finite fields whose sum merely overflowed
  throw new InvalidCandleError(`candle ${candle.openTime} has ${field} ${candle[field]}; indicator inputs must be finite numbers`);
}

/**
 * A per-candle step; `replace` means "this candle replaces the last one stepped" (a newer state of
 * the forming candle, or its close), so the step must undo that candle's effect before applying.
 */
export type IndicatorStep = (candle: OhlcvCandle, replace: boolean) => Record<string, number> | null;

/**
 * Wraps a per-candle step into a StreamingIndicator. Refuses a candle that is not newer than the
 * previous one (a repeated closed candle from a reconnecting stream would otherwise be counted
 * twice) and a new candle while a previewed one never closed (its provisional values would stay in).
 */
export function streamingIndicator(outputs: readonly string[], requiredInputs: number, step: IndicatorStep): StreamingIndicator {
  let lastTime = -Infinity;
  let previewing = false;

  function feed(candle: OhlcvCandle, provisional: boolean): IndicatorPoint | null {
    assertFinite(candle);
    const replace = previewing && candle.openTime === lastTime;
    if (!replace) {
      if (previewing) {
        throw new CandleOrderError(
          `candle ${candle.openTime} follows forming candle ${lastTime}, which never closed; feed its closed state first`,
        );
      }
      if (!(candle.openTime > lastTime)) {
        throw new CandleOrderError(
          `candle ${candle.openTime} is not newer than the previous one (${lastTime}); feed closed candles in ascending order`,
        );
      }
    }
    lastTime = candle.openTime;
    previewing = provisional;
    const values = step(candle, replace);
    return values === null ? null : { time: candle.openTime, values };
  }

  return {
    outputs,
    requiredInputs,
    update: (candle) => feed(candle, false),
    preview: (candle) => feed(candle, true),
  };
}

/** Output list of every single-line indicator. */
export const VALUE_OUTPUT = ['value'] as const;
