import { useCallback, useEffect, useState } from 'react';
import { IndicatorDb } from './indicator-db.ts';
import type { IndicatorInstance } from './indicator-set.ts';
import { IndicatorSetStore } from './indicator-set-store.ts';

let sharedStore: IndicatorSetStore | null = null;
function setStore(): IndicatorSetStore {
  sharedStore ??= new IndicatorSetStore(new IndicatorDb());
  return sharedStore;
}

export interface IndicatorSetState {
  items: IndicatorInstance[];
  loaded: boolean;
  /** Why the saved set could not be read or written, shown in the panel. */
  problem: string | null;
  change(next: IndicatorInstance[]): void;
}

/** The user's chosen indicators, restored from IndexedDB and saved on every change. */
export function useIndicatorSet(): IndicatorSetState {
  const [items, setItems] = useState<IndicatorInstance[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    setStore()
      .load()
      .then(
        (result) => {
          if (cancelled) return;
          setItems(result.items);
          setProblem(result.problem);
        },
        (err: unknown) => !cancelled && setProblem(`Saved indicators unavailable: ${String(err)}`),
      )
      .finally(() => !cancelled && setLoaded(true));
    return () => {
      cancelled = true;
    };
  }, []);

  const change = useCallback((next: IndicatorInstance[]) => {
    setItems(next);
    setStore()
      .save(next)
      .then(
        () => setProblem(null),
        (err: unknown) => setProblem(`Indicator set not saved: ${err instanceof Error ? err.message : String(err)}`),
      );
  }, []);

  return { items, loaded, problem, change };
}
