/** Piecewise-linear path through `[x, y]` waypoints (ascending x); the last waypoint wins where two share an x. */
export function pathAt(waypoints: readonly (readonly [number, number])[], x: number): number {
  for (let i = 1; i < waypoints.length; i++) {
    const [x1, y1] = waypoints[i]!;
    const [x0, y0] = waypoints[i - 1]!;
    if (x <= x1) return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
  }
  return waypoints[waypoints.length - 1]![1];
}
