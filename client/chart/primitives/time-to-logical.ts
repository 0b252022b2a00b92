/** A bar the chart knows: its logical index and open time (UTC seconds). */
export interface IndexedBar {
  index: number;
  time: number;
}

/**
 * The bars either side of a time: `before` opens at or before it, `after` at or after it. Either
 * is null past that end of the loaded data; both are the same bar for an exact bar time.
 */
export interface BarBracket {
  before: IndexedBar | null;
  after: IndexedBar | null;
}

/**
 * Fractional logical index for a time that may not be a bar time of the shown interval, so a
 * drawing anchored on 1m bars stays at the same moment on 5m or 1h bars, and a line can point into
 * the future. Between two bars the index is interpolated by time (a hole in the data stretches
 * rather than shifts it); past either end it runs on at one index per `barSeconds`. Null without
 * any bar.
 */
export function timeToLogical(time: number, { before, after }: BarBracket, barSeconds: number): number | null {
  if (before !== null && after !== null) {
    if (after.time === before.time) return before.index;
    return before.index + ((time - before.time) / (after.time - before.time)) * (after.index - before.index);
  }
  if (before !== null) return before.index + (time - before.time) / barSeconds;
  if (after !== null) return after.index - (after.time - time) / barSeconds;
  return null;
}

/**
 * Pixel x of a fractional logical index. lightweight-charts places only whole indices (it answers 0
 * for a fraction), and bars are evenly spaced, so a fraction sits linearly between its neighbours.
 */
export function logicalToX(logical: number, wholeIndexToX: (index: number) => number | null): number | null {
  const left = Math.floor(logical);
  const leftX = wholeIndexToX(left);
  if (leftX === null || logical === left) return leftX;
  const rightX = wholeIndexToX(left + 1);
  return rightX === null ? null : leftX + (logical - left) * (rightX - leftX);
}
