import type { PaneStretch } from '../../shared/layouts/index.ts';

/** Indicator panes share the height with the price pane at this weight (price pane = 1). */
export const DEFAULT_INDICATOR_STRETCH = 0.35;

/** Differences below this are float noise from the chart, not a divider the trader moved. */
const EPSILON = 1e-3;

/** Pure: the sizes the layout asks for, with the standard ones filled in for the panes it does not name. */
export function resolveStretch(saved: PaneStretch | null, paneIds: readonly string[]): PaneStretch {
  return {
    price: saved?.price ?? 1,
    indicators: Object.fromEntries(paneIds.map((id) => [id, saved?.indicators[id] ?? DEFAULT_INDICATOR_STRETCH])),
  };
}

/** Pure: whether the panes' sizes now differ from the layout's (a divider was dragged). */
export function stretchDiffers(expected: PaneStretch, current: PaneStretch): boolean {
  if (Math.abs(expected.price - current.price) > EPSILON) return true;
  const ids = new Set([...Object.keys(expected.indicators), ...Object.keys(current.indicators)]);
  for (const id of ids) {
    const a = expected.indicators[id];
    const b = current.indicators[id];
    if (a === undefined || b === undefined || Math.abs(a - b) > EPSILON) return true;
  }
  return false;
}
