import { useCallback, useEffect, useRef, useState } from 'react';
import { emptyLayout, type ChartLayout } from '../../shared/layouts/index.ts';
import type { Interval } from '../../shared/market/index.ts';
import { IndicatorDb } from '../indicators/indicator-db.ts';
import { IndicatorSetStore } from '../indicators/indicator-set-store.ts';
import { createLayoutsApi } from './layouts-api.ts';
import { LayoutDb } from './layout-db.ts';
import { createLayoutRepository, type LayoutRepository } from './layout-repository.ts';

let sharedRepository: LayoutRepository | null = null;
function repository(): LayoutRepository {
  sharedRepository ??= createLayoutRepository({
    db: new LayoutDb(),
    api: createLayoutsApi(),
    // Indicators used to be one browser-wide set: a chart never laid out starts from it.
    fallbackIndicators: async () => (await new IndicatorSetStore(new IndicatorDb()).load()).items,
  });
  return sharedRepository;
}

/** What a chart's parts may change in its layout; symbol, interval and timestamp are the hook's. */
export type LayoutChange = Partial<Pick<ChartLayout, 'indicators' | 'volumeProfile' | 'paneStretch'>>;

export interface ChartLayoutState {
  layout: ChartLayout;
  /** False until the browser's copy was read, so parts do not flash an empty layout. */
  loaded: boolean;
  /** Why the layout could not be read or synced, shown beside the indicators. */
  problem: string | null;
  change(change: LayoutChange): void;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The chart's layout for a symbol and interval: the browser's copy at once, then the relay's if newer. */
export function useChartLayout(symbol: string, interval: Interval): ChartLayoutState {
  // The layout read for a chart; another chart's until this one's copy arrives.
  const [shown, setShown] = useState<ChartLayout | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const layoutRef = useRef<ChartLayout | null>(null);
  /** Bumped by every local change, so a slower relay answer never overwrites it. */
  const editsRef = useRef(0);

  const show = useCallback((next: ChartLayout) => {
    layoutRef.current = next;
    setShown(next);
  }, []);

  useEffect(() => {
    let cancelled = false;
    const key = { symbol, interval };
    const edits = editsRef.current;
    void (async () => {
      try {
        const local = await repository().load(key);
        if (cancelled) return;
        show(local);
        const merged = await repository().refresh(key);
        if (!cancelled && editsRef.current === edits) show(merged);
      } catch (err) {
        if (cancelled) return;
        const current = layoutRef.current;
        if (current?.symbol !== symbol || current.interval !== interval) show(emptyLayout(key));
        setProblem(`chart layout kept in this browser only (relay sync failed: ${errorText(err)})`);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [symbol, interval, show]);

  const loaded = shown !== null && shown.symbol === symbol && shown.interval === interval;
  const layout = loaded ? shown : emptyLayout({ symbol, interval });

  const change = useCallback(
    (patch: LayoutChange) => {
      const current = layoutRef.current;
      // Not yet read for this chart: there is nothing the change could be applied to.
      if (current?.symbol !== symbol || current.interval !== interval) return;
      editsRef.current += 1;
      const next = { ...current, ...patch, updatedAt: new Date().toISOString() };
      show(next);
      repository()
        .save(next)
        .then(
          () => setProblem(null),
          (err: unknown) => setProblem(`chart layout kept in this browser only (relay sync failed: ${errorText(err)})`),
        );
    },
    [show, symbol, interval],
  );

  return { layout, loaded, problem, change };
}
