/**
 * Recursive averages the TA-Lib way (ta_EMA.c, ta_RSI.c, ta_ATR.c): the first value is the simple
 * mean of the first `period` inputs, every later one folds in one input. trading-signals seeds its
 * EMA with the first input instead and keeps its state private, so these few lines are our own.
 */

/**
 * A value counts as settled once its seed weighs less than this: even a seed 100 % off the
 * full-history value then moves it by < 1e-12 relative, well inside the 1e-9 the API promises.
 */
export const SETTLED_SEED_WEIGHT = 1e-14;

/** Inputs after which a seed's weight (1 − α)^k has fallen below SETTLED_SEED_WEIGHT. */
export function settlingInputs(alpha: number): number {
  return alpha >= 1 ? 0 : Math.ceil(Math.log(SETTLED_SEED_WEIGHT) / Math.log1p(-alpha));
}

export type SmoothingStep = (previous: number, input: number) => number;

/** EMA weight 2/(period+1), folded in as TA-Lib's TA_INT_EMA does: ((x − prev)·k) + prev. */
export function emaAlpha(period: number): number {
  return 2 / (period + 1);
}
export function emaStep(period: number): SmoothingStep {
  const k = emaAlpha(period);
  return (previous, input) => (input - previous) * k + previous;
}

/** Wilder's smoothing as in TA-Lib's RSI and ATR: (prev·(n − 1) + x) / n, i.e. α = 1/n. */
export function wilderStep(period: number): SmoothingStep {
  return (previous, input) => (previous * (period - 1) + input) / period;
}

/**
 * SMA-seeded recursive average. `update(x, true)` replaces the last input instead of adding one,
 * so a forming candle can be previewed tick by tick and then settled by its closed value with
 * exactly the arithmetic an `update(x, false)` of the closed value would have done.
 */
export class SeededAverage {
  private count = 0;
  private sum = 0;
  private value = NaN;
  // State before the last input, restored by a replace.
  private lastCount = 0;
  private lastSum = 0;
  private lastValue = NaN;

  constructor(
    private readonly period: number,
    private readonly step: SmoothingStep,
  ) {}

  update(input: number, replace: boolean): number | null {
    if (replace) {
      this.count = this.lastCount;
      this.sum = this.lastSum;
      this.value = this.lastValue;
    } else {
      this.lastCount = this.count;
      this.lastSum = this.sum;
      this.lastValue = this.value;
    }
    this.count++;
    if (this.count < this.period) {
      this.sum += input;
      return null;
    }
    if (this.count === this.period) {
      this.sum += input;
      this.value = this.sum / this.period;
    } else {
      this.value = this.step(this.value, input);
    }
    return this.value;
  }
}

/**
 * The close before the candle fed in: a forming candle's repeated `replace` updates keep the same
 * previous close, so ATR's true range and RSI's change stay on the same pair of candles.
 */
export function previousCloseTracker(): (close: number, replace: boolean) => number {
  let previous = NaN;
  let last = NaN;
  return (close, replace) => {
    if (!replace) previous = last;
    last = close;
    return previous;
  };
}
