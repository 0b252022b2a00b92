import type { IChartApi } from 'lightweight-charts';
import type { PaneStretch } from '../../shared/layouts/index.ts';
import { indicatorDefinition, type IndicatorSpec } from '../../shared/indicators/index.ts';
import { candleOpenTime, INTERVAL_MS, type Candle, type Interval } from '../../shared/market/index.ts';
import { IndicatorChartLayer } from './indicator-chart-layer.ts';
import type { IndicatorInstance } from './indicator-set.ts';
import type { IndicatorWorker } from './indicator-worker-client.ts';
import type { Lookback, LookbackCandles } from './lookback-candles.ts';

/**
 * What the panel shows per indicator; `pane`, `points` (closed-candle values drawn) and
 * `provisional` (forming candle drawn as provisional) also let e2e tests see the chart.
 */
export type InstanceStatus =
  | { state: 'hidden' }
  | { state: 'loading' }
  | { state: 'ready'; pane: number | null; points: number; provisional: number | null; warning: string | null }
  | { state: 'error'; message: string };

/** Why the indicator draws nothing or may differ near the left edge, in words for the panel. */
export function lookbackNote(spec: IndicatorSpec, available: number, lookback: Lookback): string | null {
  const required = indicatorDefinition(spec).requiredInputs(spec.params);
  if (available < required) {
    return lookback.problem
      ? `needs ${required} closed candles to start; ${available} loaded — older ones could not be (${lookback.problem})`
      : `needs ${required} closed candles to start; only ${available} exist`;
  }
  return lookback.problem ? `older history could not be loaded (${lookback.problem}); the first values may not be settled` : null;
}

interface Tracked {
  instance: IndicatorInstance;
  /** Bumped on every (re)open so answers to an older request are dropped. */
  generation: number;
  status: InstanceStatus;
  /** Live points that came back while the full series was still loading. */
  pending: { time: number; values: Record<string, number> }[];
}

/**
 * Keeps the chart's indicator series in step with the user's set, the candle history and the
 * stream. All maths happens in the worker: this class only opens sessions, forwards closed
 * candles, and draws what comes back.
 */
export class IndicatorLayerController {
  private layer: IndicatorChartLayer | null = null;
  private readonly tracked = new Map<string, Tracked>();
  private readonly listeners = new Set<() => void>();
  private market: { symbol: string; interval: Interval } | null = null;
  private snapshot: ReadonlyMap<string, InstanceStatus> = new Map();
  private stretch: PaneStretch | null = null;

  constructor(
    private readonly worker: IndicatorWorker,
    private readonly candles: () => readonly Candle[],
    private readonly lookback: LookbackCandles,
  ) {}

  attach(chart: IChartApi | null): void {
    this.layer?.clear();
    this.layer = chart ? new IndicatorChartLayer(chart) : null;
    this.layer?.setPaneStretch(this.stretch);
    this.reopenAll();
  }

  setPaneStretch(stretch: PaneStretch | null): void {
    this.stretch = stretch;
    this.layer?.setPaneStretch(stretch);
  }

  /** The pane sizes when a divider was dragged away from the layout's, else null. */
  resizedPanes(): PaneStretch | null {
    return this.layer?.resizedPanes() ?? null;
  }

  setMarket(symbol: string, interval: Interval): void {
    if (this.market?.symbol === symbol && this.market.interval === interval) return;
    this.market = { symbol, interval };
    this.reopenAll();
  }

  /** Reconciles with the user's set: new/edited/shown instances are (re)opened, others dropped. */
  setInstances(items: readonly IndicatorInstance[]): void {
    const wanted = new Set(items.map((item) => item.id));
    for (const id of [...this.tracked.keys()]) if (!wanted.has(id)) this.drop(id);
    for (const instance of items) {
      const current = this.tracked.get(instance.id);
      if (current && JSON.stringify(current.instance) === JSON.stringify(instance)) continue;
      const entry: Tracked = current ?? { instance, generation: 0, status: { state: 'loading' }, pending: [] };
      entry.instance = instance;
      this.tracked.set(instance.id, entry);
      this.open(entry);
    }
    this.publish();
  }

  /** The chart's history was replaced or extended (new symbol, older page). */
  historyChanged(): void {
    this.reopenAll();
  }

  onClosedCandle(candle: Candle): void {
    for (const entry of this.tracked.values()) {
      if (!entry.instance.visible) continue;
      const generation = entry.generation;
      void this.worker.onClosedCandle(entry.instance.id, candle).then(
        (result) => {
          if (entry.generation !== generation) return;
          if (result.kind === 'gap' || result.kind === 'unknown') return this.open(entry);
          if (result.kind !== 'point') return;
          if (entry.status.state === 'loading') return void entry.pending.push(result);
          if (this.layer?.append(entry.instance.id, result.time, result.values) && entry.status.state === 'ready') {
            entry.status = { ...entry.status, warning: result.persistError ?? entry.status.warning };
            this.publish();
          }
        },
        (err: unknown) => this.fail(entry, generation, err),
      );
    }
  }

  /** The forming candle as it stands: drawn as provisional, replaced when it closes. */
  onFormingCandle(candle: Candle): void {
    for (const entry of this.tracked.values()) {
      if (entry.instance.visible && entry.status.state === 'ready') this.preview(entry, candle);
    }
  }

  dispose(): void {
    for (const id of [...this.tracked.keys()]) this.drop(id);
    this.layer = null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  statuses = (): ReadonlyMap<string, InstanceStatus> => this.snapshot;

  paneCount(): number {
    return this.layer?.paneCount() ?? 0;
  }

  private reopenAll(): void {
    for (const entry of this.tracked.values()) this.open(entry);
    this.publish();
  }

  /** Closed candles only: the forming bar is previewed separately, never fed as closed. */
  private closedCandles(interval: Interval): Candle[] {
    const now = Date.now();
    return this.candles().filter((c) => c.openTime + INTERVAL_MS[interval] <= now);
  }

  private formingCandle(interval: Interval): Candle | null {
    const last = this.candles().at(-1);
    return last && last.openTime + INTERVAL_MS[interval] > Date.now() ? last : null;
  }

  private open(entry: Tracked): void {
    const generation = ++entry.generation;
    const id = entry.instance.id;
    entry.pending = [];
    if (!entry.instance.visible) {
      this.layer?.remove(id);
      void this.worker.close(id);
      entry.status = { state: 'hidden' };
      return this.publish();
    }
    const market = this.market;
    const history = market ? this.closedCandles(market.interval) : [];
    if (!market || !this.layer || history.length === 0) {
      this.layer?.remove(id);
      entry.status = { state: 'loading' };
      return this.publish();
    }
    entry.status = { state: 'loading' };
    this.publish();
    const { spec } = entry.instance;
    const firstShown = history[0]!.openTime;
    // Older candles than the chart holds, so the first values drawn are the full-history ones.
    const start = candleOpenTime(indicatorDefinition(spec).lookbackStart(spec.params, firstShown, INTERVAL_MS[market.interval]), market.interval);
    const lookback: Promise<Lookback> =
      start < firstShown ? this.lookback.get(market.symbol, market.interval, start, firstShown) : Promise.resolve({ candles: [], problem: null });
    void lookback
      .then(async (older) => {
        if (entry.generation !== generation) return;
        const { series, persistError } = await this.worker.open({ id, ...market }, spec, [...older.candles, ...history], firstShown);
        if (entry.generation !== generation || !this.layer) return;
        this.layer.show(entry.instance, series);
        for (const point of entry.pending) this.layer.append(id, point.time, point.values);
        entry.pending = [];
        const note = lookbackNote(spec, older.candles.length + history.length, older);
        entry.status = { state: 'ready', pane: null, points: 0, provisional: null, warning: [note, persistError].filter(Boolean).join('; ') || null };
        this.publish();
        const forming = this.formingCandle(market.interval);
        if (forming) this.preview(entry, forming);
      })
      .catch((err: unknown) => this.fail(entry, generation, err));
  }

  private preview(entry: Tracked, candle: Candle): void {
    const generation = entry.generation;
    void this.worker.onFormingCandle(entry.instance.id, candle).then(
      (result) => {
        if (entry.generation !== generation) return;
        if (result.kind === 'gap' || result.kind === 'unknown') return this.open(entry);
        if (result.kind !== 'provisional') return;
        const id = entry.instance.id;
        const before = this.layer?.provisionalOf(id) ?? null;
        // Publish only when a new candle starts being previewed, not on every tick.
        if (this.layer?.showProvisional(id, result.time, result.values) && before !== result.time) this.publish();
      },
      (err: unknown) => this.fail(entry, generation, err),
    );
  }

  private fail(entry: Tracked, generation: number, err: unknown): void {
    if (entry.generation !== generation) return;
    this.layer?.remove(entry.instance.id);
    entry.status = { state: 'error', message: err instanceof Error ? err.message : String(err) };
    this.publish();
  }

  private drop(id: string): void {
    this.layer?.remove(id);
    void this.worker.close(id);
    this.tracked.delete(id);
  }

  private publish(): void {
    // Pane numbers shift when another indicator's pane goes away, so they are re-read each time.
    for (const entry of this.tracked.values()) {
      if (entry.status.state !== 'ready') continue;
      const id = entry.instance.id;
      entry.status = {
        ...entry.status,
        pane: this.layer?.paneOf(id) ?? null,
        points: this.layer?.pointsOf(id) ?? 0,
        provisional: this.layer?.provisionalOf(id) ?? null,
      };
    }
    this.snapshot = new Map([...this.tracked].map(([id, entry]) => [id, entry.status]));
    for (const listener of this.listeners) listener();
  }
}
