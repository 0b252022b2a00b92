import { describe, expect, it } from 'vitest';
import { CHART_RUN_STORAGE_KEY, chooseChartRun, chosenChartRunId, clearChartRun } from './chart-run-choice.ts';

/** A Storage stand-in over a Map: node has no localStorage, and the choice only needs get/set/remove. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

describe('chosen chart run', () => {
  it('keeps the chosen run id until it is cleared', () => {
    const storage = memoryStorage();
    expect(chosenChartRunId(storage)).toBeNull();
    chooseChartRun('3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10', storage);
    expect(chosenChartRunId(storage)).toBe('3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10');
    clearChartRun(storage);
    expect(chosenChartRunId(storage)).toBeNull();
  });

  it('refuses to store a run id that is not a UUID', () => {
    const storage = memoryStorage();
    expect(() => chooseChartRun('run-1', storage)).toThrow();
    expect(storage.items.size).toBe(0);
  });

  it('treats a malformed stored entry as no choice', () => {
    const storage = memoryStorage();
    for (const raw of ['not json', '{"runId":"x"}', '42']) {
      storage.setItem(CHART_RUN_STORAGE_KEY, raw);
      expect(chosenChartRunId(storage)).toBeNull();
    }
  });
});
