import { useSyncExternalStore } from 'react';
import { z } from 'zod';

/** Which run's trades the main chart marks; kept in localStorage so a reload keeps the markers. */
const ChartRunChoiceSchema = z.object({ runId: z.uuid() });

export const CHART_RUN_STORAGE_KEY = 'portal.chart-run.v1';

const listeners = new Set<() => void>();

/** The chosen run id, or null; a malformed entry (hand edit, old format) counts as no choice. */
export function chosenChartRunId(storage: Pick<Storage, 'getItem'> = localStorage): string | null {
  const raw = storage.getItem(CHART_RUN_STORAGE_KEY);
  if (raw === null) return null;
  try {
    const parsed = ChartRunChoiceSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.runId : null;
  } catch {
    return null;
  }
}

/**
 * The run whose period the chart should jump to when it next shows it: set by "Show on chart",
 * cleared once the chart is there. Kept in memory only, so a reload keeps the markers but leaves
 * the chart where the trader scrolled it.
 */
let focusRequest: string | null = null;

export function chooseChartRun(runId: string, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(CHART_RUN_STORAGE_KEY, JSON.stringify(ChartRunChoiceSchema.parse({ runId })));
  focusRequest = runId;
  for (const notify of listeners) notify();
}

export function isFocusRequested(runId: string): boolean {
  return focusRequest === runId;
}

export function focusDone(runId: string): void {
  if (focusRequest === runId) focusRequest = null;
}

export function clearChartRun(storage: Pick<Storage, 'removeItem'> = localStorage): void {
  storage.removeItem(CHART_RUN_STORAGE_KEY);
  focusRequest = null;
  for (const notify of listeners) notify();
}

function subscribe(notify: () => void): () => void {
  listeners.add(notify);
  // Another tab choosing or clearing a run updates this one too.
  const onStorage = (e: StorageEvent) => {
    if (e.key === CHART_RUN_STORAGE_KEY) notify();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(notify);
    window.removeEventListener('storage', onStorage);
  };
}

export function useChartRunId(): string | null {
  return useSyncExternalStore(subscribe, () => chosenChartRunId());
}
