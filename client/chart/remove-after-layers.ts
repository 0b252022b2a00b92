import type { IChartApi } from 'lightweight-charts';

/**
 * React runs a component's effect cleanup before the cleanups of the components inside it, so
 * the chart's owner would remove the chart while its layers (indicator series, drawing
 * primitives, trade markers) still have to detach from it, and lightweight-charts throws on a
 * removed chart ("Value is undefined", "Object is disposed"), blanking the app. Removing it once
 * the current commit's cleanups are done lets every layer detach from a live chart first.
 */
export function removeAfterLayers(chart: IChartApi): void {
  queueMicrotask(() => chart.remove());
}
