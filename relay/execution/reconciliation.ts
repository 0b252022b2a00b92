import { DRIFT_KINDS, WORKING_STATUSES, type Balance, type Drift, type FillRecord, type DriftKind, type ReconciliationRun, type ReconciliationState } from '../../shared/execution/index.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { OrderStore } from './order-store.ts';
import { PaperLedger } from './paper-ledger.ts';
import type { BalanceCheckpoint, ReconciliationCheckpoints } from './reconciliation-checkpoints.ts';
import { findBalanceDrift, findOrderDrift, type FoundDrift } from './reconciliation-drift.ts';
import type { Venue } from './venue.ts';

export interface ReconciliationOptions {
  venue: Venue;
  store: OrderStore;
  audit: AuditRecorder;
  /** The base and quote coins a fill of this symbol moves. */
  coins(symbol: string): Promise<{ base: string; quote: string }>;
  /** Between scheduled runs, ms (default 30 s). */
  intervalMs?: number;
  /** How far back the first run without a checkpoint reads the venue's fills, ms (default 24 h). */
  lookbackMs?: number;
  /** Keeps the balance baseline across restarts; without it the first run after a start only takes one. */
  checkpoints?: ReconciliationCheckpoints;
  /** Told of every finished run, for the metrics. */
  onRun?: (run: ReconciliationRun) => void;
  now?: () => number;
}

/** Venue fills may be stamped a little before the run that first could see them. */
const FILL_WINDOW_OVERLAP_MS = 60_000;

type Trigger = ReconciliationRun['trigger'];

/**
 * Reconciliation of the relay's records against the venue's own snapshots, on a schedule and on
 * reconnect: open orders (order/realtime), fills (execution/list) and balances (wallet-balance)
 * for the live venue, the paper venue's own ledger for paper. Drift is repaired from the venue's
 * truth by re-reading the order (its state and every fill), audited as `reconciliation.drift`,
 * counted in the metrics and kept for GET /reconciliation. Balances are compared with the last
 * reconciled balances plus the fills stored since; a difference is adopted as the new baseline.
 * The baseline is checkpointed after each run, so balances that moved while the relay was down
 * are flagged by the first run after the restart. Foreign orders and fills (placed by someone
 * else) are flagged once, not on every run while the venue still shows them.
 */
export class Reconciliation {
  private readonly now: () => number;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ReconciliationRun> | null = null;
  private lastRun: ReconciliationRun | null = null;
  private lastDrift: ReconciliationRun | null = null;
  private runs = 0;
  private readonly totals = Object.fromEntries(DRIFT_KINDS.map((kind) => [kind, 0])) as Record<DriftKind, number>;
  private baseline: Pick<BalanceCheckpoint, 'balances' | 'fillCursor'> | null;
  /** Start of the last run that read and checked the venue's fills: the next one reads from there. */
  private fillsCheckedAt: number | null;
  /** Foreign orders and fills already flagged (kind:subject), so each is flagged once while the venue still shows it. */
  private flaggedForeign: Set<string>;
  private readonly detach: (() => void)[] = [];

  constructor(private readonly options: ReconciliationOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 30_000;
    const checkpoint = options.checkpoints?.load(options.venue.name) ?? null;
    this.baseline = checkpoint;
    this.flaggedForeign = new Set(checkpoint?.flaggedForeign ?? []);
    this.fillsCheckedAt = checkpoint?.fillsCheckedAt ?? null;
  }

  /** The first run now, then every intervalMs and after each reconnect `reconnects` reports. */
  start(reconnects: ((listener: () => void) => () => void)[]): void {
    for (const onReconnect of reconnects) this.detach.push(onReconnect(() => void this.run('reconnect')));
    this.timer = setInterval(() => void this.run('schedule'), this.intervalMs);
    this.timer.unref();
    void this.run('start');
  }

  /** One run at a time: a run asked for while one is going answers with that one. */
  run(trigger: Trigger): Promise<ReconciliationRun> {
    this.running ??= this.reconcile(trigger).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  state(): ReconciliationState {
    return { venue: this.options.venue.name, intervalMs: this.intervalMs, lastRun: this.lastRun, lastDrift: this.lastDrift, driftTotals: { ...this.totals }, runs: this.runs };
  }

  close(): void {
    if (this.timer !== null) clearInterval(this.timer);
    for (const detach of this.detach.splice(0)) detach();
  }

  private async reconcile(trigger: Trigger): Promise<ReconciliationRun> {
    const startedAt = this.now();
    // From the last run that got through its fills, not the last run: one that failed checked nothing.
    const since = (this.fillsCheckedAt ?? startedAt - (this.options.lookbackMs ?? 86_400_000)) - FILL_WINDOW_OVERLAP_MS;
    const drift: Drift[] = [];
    let error: string | null = null;
    try {
      drift.push(...(await this.reconcileOrders(since)));
      this.fillsCheckedAt = startedAt;
      drift.push(...(await this.reconcileBalances()));
    } catch (failure) {
      error = (failure as Error).message;
    }
    const run: ReconciliationRun = { at: new Date(startedAt).toISOString(), trigger, durationMs: this.now() - startedAt, drift, error };
    this.finish(run);
    return run;
  }

  private async reconcileOrders(since: number): Promise<Drift[]> {
    const { venue, store } = this.options;
    // The snapshot before the fills: a fill made in between is then found as missed, not lost.
    const { openOrders } = await venue.snapshot();
    const venueFills = await venue.fillsSince(since);
    const localOpen = store.list({ venue: venue.name, statuses: WORKING_STATUSES });
    const found = findOrderDrift({ localOpen, venueOpen: openOrders, venueFills, hasFill: (execId) => store.hasFill(execId), hasOrder: (linkId) => linkId !== '' && store.getByKey(linkId) !== undefined });
    const repaired = new Set<string>();
    for (const [orderLinkId, symbol] of found.repair) {
      if (await this.repairOrder(orderLinkId, symbol)) repaired.add(orderLinkId);
    }
    const fillOwner = new Map(venueFills.map((f) => [f.execId, f.orderLinkId]));
    const foreignKey = (d: FoundDrift) => (d.kind === 'foreign_order' || d.kind === 'foreign_fill' ? `${d.kind}:${d.subject}` : null);
    const flaggedBefore = this.flaggedForeign;
    // Only what the venue still shows is remembered: a foreign order closed, or a fill out of the window, is forgotten.
    this.flaggedForeign = new Set(found.drift.map(foreignKey).filter((key) => key !== null));
    return found.drift
      .filter((d) => !flaggedBefore.has(foreignKey(d) ?? ''))
      .map((d) => ({ ...d, repaired: d.kind === 'order_status' ? repaired.has(d.subject) : d.kind === 'missed_fill' ? repaired.has(fillOwner.get(d.subject) ?? '') : false }));
  }

  /** Re-reads the order from the venue and stores its state and every fill; false when the venue could not say. */
  private async repairOrder(orderLinkId: string, symbol: string): Promise<boolean> {
    const { venue, store } = this.options;
    const order = store.getByKey(orderLinkId);
    if (order === undefined) return false;
    const update = await venue.query(orderLinkId, symbol).catch(() => null);
    if (update === null) return false;
    store.applyUpdate(order.id, update);
    return true;
  }

  private async reconcileBalances(): Promise<Drift[]> {
    const { venue, store } = this.options;
    const stored = () => store.venueFillsAfter(venue.name, this.baseline?.fillCursor ?? 0);
    const since = stored();
    const { balances } = await venue.snapshot();
    // A fill stored while the balances were read may or may not be in them: judge on the next run.
    if (stored().cursor !== since.cursor) return [];
    const previous = this.baseline;
    this.baseline = { balances, fillCursor: since.cursor };
    this.options.checkpoints?.save(venue.name, { ...this.baseline, flaggedForeign: [...this.flaggedForeign], fillsCheckedAt: this.fillsCheckedAt });
    if (previous === null) return [];
    const expected = await this.applied(previous.balances, since.fills);
    return findBalanceDrift(expected, balances).map((d: FoundDrift) => ({ ...d, repaired: true }));
  }

  /** Balances after these fills, as the venue would book them. */
  private async applied(balances: readonly Balance[], fills: readonly FillRecord[]): Promise<Balance[]> {
    const ledger = new PaperLedger(Object.fromEntries(balances.map((b) => [b.asset, b.total])));
    for (const fill of fills) ledger.settleFill(fill, await this.options.coins(fill.symbol));
    return ledger.balances();
  }

  private finish(run: ReconciliationRun): void {
    this.runs += 1;
    this.lastRun = run;
    for (const d of run.drift) this.totals[d.kind] += 1;
    if (run.drift.length > 0) {
      this.lastDrift = run;
      this.options.audit.append('reconciliation.drift', { venue: this.options.venue.name, trigger: run.trigger, drift: run.drift });
    }
    this.options.onRun?.(run);
  }
}
