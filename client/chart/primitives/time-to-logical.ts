/** A bar the chart knows: its logical index and open time (UTC seconds). */
export interface IndexedBar {
  index: number;
  time: number;
}

/**
 * Fractional logical index for a time that may fall between bars or past the last one, so a
 * drawing made on 1m bars stays in place on 1h bars and a line can point into the future.
 * `nearest` is the bar closest to `time`; `neighbour` is the bar on the far side of `time`
 * (or, past either end of the data, the bar before `nearest` to measure the bar spacing).
 */
export function timeToLogical(time: number, nearest: IndexedBar, neighbour: IndexedBar | null): number {
  if (time === nearest.time || neighbour === null || neighbour.time === nearest.time) return nearest.index;
  const indexPerSecond = (neighbour.index - nearest.index) / (neighbour.time - nearest.time);
  return nearest.index + (time - nearest.time) * indexPerSecond;
}
