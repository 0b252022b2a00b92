import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ReconciliationRun } from '../../shared/execution/index.ts';
import { INTERVAL_MS, type Interval } from '../../shared/market/interval.ts';
import type { CircuitState } from '../../shared/net/circuit-status.ts';

/** What the metrics read from live parts of the relay at scrape time. */
export interface MetricSources {
  wsClients: () => number;
  /** Monotonic count of stream messages a slow browser missed. */
  droppedMessages: () => number;
  auditChainIntact: () => boolean;
  /** The breaker around the signed Bybit calls; null when the relay makes none (paper). */
  bybitCircuit: () => CircuitState | null;
  /** The breaker around Bybit's public market REST calls; null without a Bybit gateway. */
  bybitPublicCircuit: () => CircuitState | null;
  deadLettersPending: () => number;
}

const CIRCUIT_LEVEL: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** How one order request ended; `reason` is a refusal code, a bounded set. */
export type OrderOutcome = { outcome: 'placed' } | { outcome: 'refused' | 'rejected' | 'failed'; reason: string };

/** Seconds; HTTP reads are milliseconds on loopback, upstream calls up to the 4.5 s deadline. */
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SIMULATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/**
 * The relay's Prometheus metrics in a registry of its own (never prom-client's global one), so
 * several relays in one process (the tests) keep separate counts. Labels are bounded sets:
 * route templates, status codes, Bybit endpoint names, error classes, intervals.
 */
export function createRelayMetrics(now: () => number = Date.now) {
  const registry = new Registry();
  const registers = [registry];
  const sources: Partial<MetricSources> = {};
  const lastClosedCandle = new Map<Interval, number>();

  const httpDuration = new Histogram({
    name: 'relay_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const upstreamRestDuration = new Histogram({
    name: 'relay_upstream_rest_duration_seconds',
    help: 'Bybit REST attempts by endpoint and outcome (ok or the error class)',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const upstreamRestErrors = new Counter({
    name: 'relay_upstream_rest_errors_total',
    help: 'Failed Bybit REST attempts by endpoint and error class',
    labelNames: ['endpoint', 'error'] as const,
    registers,
  });
  const upstreamReconnects = new Counter({
    name: 'relay_upstream_reconnects_total',
    help: 'Reconnect attempts of the upstream Bybit public stream',
    registers,
  });
  const simulationDuration = new Histogram({
    name: 'relay_simulation_duration_seconds',
    help: 'Wall time of recorded simulation runs, as measured by the browser that ran them',
    labelNames: ['kind'] as const,
    buckets: SIMULATION_BUCKETS,
    registers,
  });
  const ordersPlaced = new Counter({
    name: 'relay_orders_placed_total',
    help: 'Orders the venue accepted, by venue (the denominator of the order error rate)',
    labelNames: ['venue'] as const,
    registers,
  });
  const orderErrors = new Counter({
    name: 'relay_order_errors_total',
    help: 'Orders not placed, by venue, outcome (refused by the relay, rejected by the venue, failed in between) and reason code',
    labelNames: ['venue', 'outcome', 'reason'] as const,
    registers,
  });
  new Gauge({
    name: 'relay_ws_clients',
    help: 'Browser WebSocket connections open now',
    registers,
    collect() {
      if (sources.wsClients) this.set(sources.wsClients());
    },
  });
  new Counter({
    name: 'relay_ws_dropped_messages_total',
    help: 'Stream messages not sent to a browser socket that stopped reading',
    registers,
    collect() {
      if (!sources.droppedMessages) return;
      this.reset();
      this.inc(sources.droppedMessages());
    },
  });
  new Gauge({
    name: 'relay_audit_chain_intact',
    help: 'Audit log hash chain as last verified: 1 intact, 0 broken',
    registers,
    collect() {
      if (sources.auditChainIntact) this.set(sources.auditChainIntact() ? 1 : 0);
    },
  });
  for (const [name, calls, source] of [
    ['relay_bybit_circuit_state', 'the signed Bybit calls', 'bybitCircuit'],
    ['relay_bybit_public_circuit_state', "Bybit's public market REST calls", 'bybitPublicCircuit'],
  ] as const) {
    new Gauge({
      name,
      help: `Circuit breaker around ${calls}: 0 closed, 1 half-open (probing), 2 open (calls refused)`,
      registers,
      collect() {
        const state = sources[source]?.();
        if (state !== undefined && state !== null) this.set(CIRCUIT_LEVEL[state]);
      },
    });
  }
  new Gauge({
    name: 'relay_dead_letters_pending',
    help: 'Venue events that could not be applied after retries and wait for a replay',
    registers,
    collect() {
      if (sources.deadLettersPending) this.set(sources.deadLettersPending());
    },
  });
  const reconciliationDrift = new Counter({
    name: 'relay_reconciliation_drift_total',
    help: 'Differences reconciliation found between the relay and the venue, by venue and kind',
    labelNames: ['venue', 'kind'] as const,
    registers,
  });
  const reconciliationRuns = new Counter({
    name: 'relay_reconciliation_runs_total',
    help: 'Reconciliation runs by venue and outcome (ok, or error when the venue could not be read)',
    labelNames: ['venue', 'outcome'] as const,
    registers,
  });
  const reconciliationLastRun = new Gauge({
    name: 'relay_reconciliation_last_run_timestamp_seconds',
    help: 'Unix time the newest reconciliation run started, by venue',
    labelNames: ['venue'] as const,
    registers,
  });
  new Gauge({
    name: 'relay_candle_ingestion_lag_seconds',
    help: 'Now minus the close time of the newest closed candle seen on the upstream stream, by interval',
    labelNames: ['interval'] as const,
    registers,
    collect() {
      this.reset();
      for (const [interval, closedAt] of lastClosedCandle) this.set({ interval }, (now() - closedAt) / 1000);
    },
  });

  return {
    registry,
    /** Each part of the relay names what it can be read for when it is built. */
    watch(live: Partial<MetricSources>): void {
      Object.assign(sources, live);
    },
    observeHttp(method: string, route: string, status: number, seconds: number): void {
      httpDuration.observe({ method, route, status: String(status) }, seconds);
    },
    observeUpstreamRest(endpoint: string, seconds: number, error: string | null): void {
      upstreamRestDuration.observe({ endpoint, outcome: error ?? 'ok' }, seconds);
      if (error !== null) upstreamRestErrors.inc({ endpoint, error });
    },
    countUpstreamReconnect(): void {
      upstreamReconnects.inc();
    },
    observeClosedCandle(interval: Interval, openTime: number): void {
      const closedAt = openTime + INTERVAL_MS[interval];
      if (closedAt > (lastClosedCandle.get(interval) ?? 0)) lastClosedCandle.set(interval, closedAt);
    },
    countOrder(venue: string, outcome: OrderOutcome): void {
      if (outcome.outcome === 'placed') ordersPlaced.inc({ venue });
      else orderErrors.inc({ venue, outcome: outcome.outcome, reason: outcome.reason });
    },
    observeReconciliation(venue: string, run: ReconciliationRun): void {
      reconciliationRuns.inc({ venue, outcome: run.error === null ? 'ok' : 'error' });
      reconciliationLastRun.set({ venue }, Date.parse(run.at) / 1000);
      for (const drift of run.drift) reconciliationDrift.inc({ venue, kind: drift.kind });
    },
    observeSimulation(kind: string, seconds: number): void {
      simulationDuration.observe({ kind }, seconds);
    },
  };
}

export type RelayMetrics = ReturnType<typeof createRelayMetrics>;
