import { ChartLayoutSchema, emptyLayout, type ChartLayout, type IndicatorInstance, type LayoutKey } from '../../shared/layouts/index.ts';
import type { LayoutsApi } from './layouts-api.ts';
import type { LayoutDb } from './layout-db.ts';

export interface LayoutRepository {
  /** The browser's copy (works offline); a chart never laid out starts from `fallbackIndicators`. */
  load(key: LayoutKey): Promise<ChartLayout>;
  /** Stores locally first, then sends to the relay; a failed send is retried by `refresh`. */
  save(layout: ChartLayout): Promise<void>;
  /** Reconciles with the relay by `updatedAt` (last writer wins) and returns the winner. */
  refresh(key: LayoutKey): Promise<ChartLayout>;
}

export interface LayoutRepositoryDeps {
  db: LayoutDb;
  api: LayoutsApi;
  /** Indicators a chart without any saved layout starts with (the set kept before layouts existed). */
  fallbackIndicators?: () => Promise<IndicatorInstance[]>;
}

/** IndexedDB-first store for chart layouts, synced to the relay like drawings. */
export function createLayoutRepository({ db, api, fallbackIndicators = async () => [] }: LayoutRepositoryDeps): LayoutRepository {
  const row = (key: LayoutKey) => db.layouts.get([key.symbol, key.interval]);

  async function store(layout: ChartLayout, synced: boolean): Promise<void> {
    await db.layouts.put({ layout, symbol: layout.symbol, interval: layout.interval, synced });
  }

  async function send(layout: ChartLayout): Promise<void> {
    await api.put(layout);
    const current = await row(layout);
    // Only mark synced if no newer local edit landed while the request was in flight.
    if (current?.layout.updatedAt === layout.updatedAt) await store(layout, true);
  }

  return {
    async load(key) {
      const saved = await row(key);
      if (saved !== undefined) return ChartLayoutSchema.parse(saved.layout);
      return { ...emptyLayout(key), indicators: await fallbackIndicators() };
    },

    async save(layout) {
      const valid = ChartLayoutSchema.parse(layout);
      await store(valid, false);
      await send(valid);
    },

    async refresh(key) {
      const local = await row(key);
      const remote = await api.get(key);
      if (local !== undefined && (remote === null || local.layout.updatedAt > remote.updatedAt)) {
        if (!local.synced || remote === null) await send(local.layout);
        return local.layout;
      }
      if (remote === null) return this.load(key);
      await store(remote, true);
      return remote;
    },
  };
}
