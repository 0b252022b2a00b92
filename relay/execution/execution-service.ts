import {
  OPEN_STATUSES,
  UNSETTLED_STATUSES,
  WORKING_STATUSES,
  PlaceOrderRequestSchema,
  positionsFromFills,
  checkOrderRequest,
  type BalancesResponse,
  type CancelAllResponse,
  type LiveArmState,
  type OrderDetailResponse,
  type OrderRecord,
  type OrdersQuery,
  type FillRecord,
  type PlaceOrderRequest,
  type Position,
  type PositionsQuery,
  type PositionsResponse,
  type RunPositionsResponse,
  type VenueName,
} from '../../shared/execution/index.ts';
import type { MarketSymbol } from '../../shared/market/index.ts';
import type { CircuitStatus } from '../../shared/net/circuit-status.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import type { AuditRecorder } from '../audit/audit-log.ts';
import type { OrderOutcome } from '../observability/relay-metrics.ts';
import { describeIssues } from '../http/json-request.ts';
import { UnknownSymbolError } from '../market/gateway.ts';
import { CircuitOpenError } from '../exchange/circuit-breaker.ts';
import type { RunStore } from '../runner/run-store.ts';
import type { DeadLetterStore } from './dead-letter-store.ts';
import { requestHash, type OrderStore } from './order-store.ts';
import type { Reconciliation } from './reconciliation.ts';
import { VenueUpdates } from './venue-updates.ts';
import { RealizedToday, utcDayStart } from './realized-today.ts';
import { VenueRejection, type Venue } from './venue.ts';

/** A request the relay refused before sending anything (or the venue refused): an HTTP 4xx/5xx with its words. */
export class OrderRefusal extends Error {
  override name = 'OrderRefusal';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface Safeguards {
  /** Quote value one order may have at most. */
  maxOrderNotional: string;
  /** Realized loss today (UTC) at which new orders stop. */
  dailyLossLimit: string;
}

/** What the kill switch halts besides orders: the strategy runner, once the relay runs one. */
export interface StrategyHalt {
  /** Stops every running strategy; returns the run ids it stopped. */
  haltAll(): string[];
}

export interface ExecutionServiceDeps {
  store: OrderStore;
  /** The strategy runs, whose orders' fills are their own positions. */
  runs: Pick<RunStore, 'get' | 'all'>;
  /** Where orders go in this mode; null when the mode has no venue in this relay (live, for now). */
  venue: Venue | null;
  mode: VenueName;
  instrument(symbol: string): Promise<MarketSymbol>;
  /** The book price a market order would meet now (ask for a buy, bid for a sell); 0 when there is none. */
  referencePrice(symbol: string, side: 'buy' | 'sell'): Promise<number>;
  /** Last traded prices as decimal strings, for unrealized PnL; symbols without one are left out. */
  lastPrices(symbols: string[]): Promise<Map<string, string>>;
  safeguards: Safeguards;
  audit: AuditRecorder;
  strategies?: StrategyHalt;
  /** Told how each order request ended, for the order error rate. */
  countOrder?: (venue: VenueName, outcome: OrderOutcome) => void;
  clock?: () => Date;
  /** Keeps venue updates that could not be applied after retries. */
  deadLetters?: DeadLetterStore;
  /** Checks the store against the venue on a schedule; closed with the service. */
  reconciliation?: Reconciliation;
}

export interface PlaceOutcome {
  /** 201 placed, 200 the same key and body again (nothing sent), 202 sent but the outcome is not known yet. */
  status: 200 | 201 | 202;
  order: OrderRecord;
  created: boolean;
}

const NO_LIVE_VENUE = 'live trading has no venue in this relay: set BYBIT_API_KEY and BYBIT_API_SECRET, or run with TRADING_MODE=paper';

/** Refusals name the key and symbol they concern when the body had them, whatever else was wrong. */
function refusedSubject(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null) return {};
  const { idempotencyKey, symbol } = body as Record<string, unknown>;
  return {
    ...(typeof idempotencyKey === 'string' ? { idempotencyKey: idempotencyKey.slice(0, 64) } : {}),
    ...(typeof symbol === 'string' ? { symbol: symbol.slice(0, 32) } : {}),
  };
}

/**
 * Order execution: every intent is written durably before it is sent, each idempotency key
 * reaches the venue at most once, and an order whose answer was lost is settled by asking the
 * venue for its orderLinkId, never by sending it again. Every step is in the audit log.
 */
export class ExecutionService {
  private readonly clock: () => Date;
  private readonly detachVenue: () => void;
  private readonly realizedToday: RealizedToday;
  /** Live orders wait for an operator to arm this process; paper never does. */
  private liveArm: LiveArmState = { armed: false, changedAt: null };
  /** Applies what the venue reports on its own; what keeps failing becomes a dead letter. */
  readonly updates: VenueUpdates;

  constructor(private readonly deps: ExecutionServiceDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.realizedToday = new RealizedToday(deps.store, deps.mode, async (symbol) => (await deps.instrument(symbol)).base);
    this.updates = new VenueUpdates({ store: deps.store, venue: deps.mode, ...(deps.deadLetters ? { deadLetters: deps.deadLetters } : {}) });
    this.detachVenue = deps.venue?.onUpdate((update) => void this.updates.receive(update)) ?? (() => {});
  }

  get reconciliation(): Reconciliation | undefined {
    return this.deps.reconciliation;
  }

  get deadLetters(): DeadLetterStore | undefined {
    return this.deps.deadLetters;
  }

  /** The breaker in front of a remote venue; undefined for paper. */
  circuit(): CircuitStatus | undefined {
    return this.deps.venue?.circuit?.();
  }

  get mode(): VenueName {
    return this.deps.mode;
  }

  /** Whether stop orders can be placed: the venue holds them until they trigger. */
  get holdsStops(): boolean {
    return this.deps.venue?.holdsStops === true;
  }

  /** The operator's arming of live trading; undefined in paper, which needs none. */
  liveArmState(): LiveArmState | undefined {
    return this.deps.mode === 'live' ? { ...this.liveArm } : undefined;
  }

  /** Arms or disarms live orders for this relay process (audited); refused in paper, where there is nothing to arm. */
  setLiveArmed(armed: boolean, actor: string | null): LiveArmState {
    if (this.deps.mode !== 'live') throw new OrderRefusal(409, 'not_live_mode', 'this relay trades paper: live arming needs TRADING_MODE=live and LIVE_TRADING_CONFIRM=yes');
    if (armed && this.deps.venue === null) throw new OrderRefusal(503, 'venue_unavailable', NO_LIVE_VENUE);
    if (this.liveArm.armed !== armed) {
      this.liveArm = { armed, changedAt: this.clock().toISOString() };
      this.deps.audit.append('mode.change', { mode: 'live', ...this.liveArm }, actor);
    }
    return { ...this.liveArm };
  }

  async place(body: unknown, actor: string | null): Promise<PlaceOutcome> {
    const count = (outcome: OrderOutcome) => this.deps.countOrder?.(this.deps.mode, outcome);
    try {
      const placed = await this.placeChecked(body, actor);
      // A retry answered from the store placed nothing; an answer still unknown is neither placed nor refused yet.
      if (placed.status === 201) count({ outcome: 'placed' });
      if (placed.status === 202) count({ outcome: 'failed', reason: 'answer_lost' });
      return placed;
    } catch (error) {
      if (!(error instanceof OrderRefusal)) {
        count({ outcome: 'failed', reason: 'internal' });
        throw error;
      }
      if (error.code === 'order_rejected') count({ outcome: 'rejected', reason: error.code });
      else if (error.code === 'venue_unreachable') count({ outcome: 'failed', reason: error.code });
      else {
        count({ outcome: 'refused', reason: error.code });
        // The venue's own refusals are already recorded as its answer.
        this.deps.audit.append('order.intent', { outcome: 'refused', ...refusedSubject(body), code: error.code, message: error.message }, actor);
      }
      throw error;
    }
  }

  private async placeChecked(body: unknown, actor: string | null): Promise<PlaceOutcome> {
    const parsed = PlaceOrderRequestSchema.safeParse(body);
    if (!parsed.success) throw new OrderRefusal(400, 'invalid_order', `invalid order: ${describeIssues(parsed.error)}`);
    const request = parsed.data;
    const { store, venue } = this.deps;

    // A retry is answered from the store before any market check: its order exists whatever the market did since.
    const known = store.getByKey(request.idempotencyKey);
    if (known !== undefined) return this.answerKnown(request, known);
    if (venue === null) throw new OrderRefusal(503, 'venue_unavailable', NO_LIVE_VENUE);
    // Live needs the operator's arming as well as the environment's two switches; checked before anything is written or sent.
    if (this.deps.mode === 'live' && !this.liveArm.armed) {
      throw new OrderRefusal(409, 'live_not_armed', 'live trading is not armed: an operator arms it for this relay in the order ticket (PUT /api/v1/trading/live {"armed":true}); nothing was sent');
    }

    if (request.type === 'stop' && venue.holdsStops !== true) {
      throw new OrderRefusal(422, 'stop_unsupported', `the ${venue.name} venue holds no stop orders yet (Bybit conditional orders are not wired); a strategy run keeps its stop itself there; nothing was sent`);
    }
    const instrument = await this.instrumentOf(request.symbol);
    const reference = request.type === 'market' ? await this.deps.referencePrice(request.symbol, request.side) : 0;
    const check = checkOrderRequest(request, instrument, reference);
    if (!check.ok) throw new OrderRefusal(400, check.code, check.message);
    // The safeguards cap what an order adds: a spot sell only reduces what is held (the balance
    // check sees to that), and refusing it would trap a position the limits let in, e.g. one bought
    // at MAX_ORDER_NOTIONAL that is worth more once the price rises, or any after a losing day.
    if (request.side === 'buy') await this.enforceSafeguards(check.order.notional, instrument);
    // An open breaker refuses before the intent is written: nothing is recorded as sent, nothing is.
    const circuit = venue.circuit?.();
    if (circuit?.state === 'open') throw this.circuitOpen(new CircuitOpenError(`Bybit circuit breaker is open (last: ${circuit.lastError ?? 'none'}); next probe at ${circuit.probeAt}`));

    const { notional: _notional, ...amounts } = check.order;
    const outcome = store.createIntent(request, { venue: venue.name, ...amounts });
    if (outcome.status !== 'created') return this.answerKnown(request, outcome.order);
    const intent = outcome.order;
    this.deps.audit.append(
      'order.intent',
      {
        outcome: 'accepted',
        orderId: intent.id,
        idempotencyKey: intent.idempotencyKey,
        venue: intent.venue,
        symbol: intent.symbol,
        side: intent.side,
        type: intent.type,
        qty: intent.qty,
        quoteAmount: intent.quoteAmount,
        price: intent.price,
        triggerPrice: intent.triggerPrice,
        timeInForce: intent.timeInForce,
        strategyId: intent.strategyId,
        reason: intent.reason,
        requestHash: requestHash(request),
      },
      actor,
    );

    const request_ = { orderLinkId: intent.idempotencyKey, symbol: intent.symbol, side: intent.side, type: intent.type, ...amounts };
    try {
      const update = await venue.submit(request_);
      const order = store.applyUpdate(intent.id, update);
      this.deps.audit.append('order.placed', { orderId: order.id, venueOrderId: order.venueOrderId, status: order.status, cumQty: order.cumQty, fills: update.fills.length }, actor);
      return { status: 201, order, created: true };
    } catch (error) {
      if (error instanceof VenueRejection) {
        const order = store.transition(intent.id, 'rejected', error.message);
        this.deps.audit.append('order.exchange_answer', { orderId: order.id, outcome: 'rejected', code: error.code, message: error.message }, actor);
        throw new OrderRefusal(422, 'order_rejected', `${venue.name} venue rejected the order: ${error.message}`);
      }
      if (error instanceof CircuitOpenError) {
        // Refused before anything left the relay: a definite outcome.
        const order = store.transition(intent.id, 'rejected', error.message);
        this.deps.audit.append('order.exchange_answer', { orderId: order.id, outcome: 'not_sent', code: 'circuit_open', message: error.message }, actor);
        throw this.circuitOpen(error);
      }
      store.transition(intent.id, 'unknown', `answer lost: ${(error as Error).message}`);
      this.deps.audit.append('order.exchange_answer', { orderId: intent.id, outcome: 'lost', message: (error as Error).message }, actor);
      const order = await this.settle(store.get(intent.id)!);
      if (order.status === 'rejected') {
        throw new OrderRefusal(503, 'venue_unreachable', `the order did not reach the ${venue.name} venue (${(error as Error).message}); it is closed as rejected and will not be sent again`);
      }
      return { status: order.status === 'unknown' ? 202 : 201, order, created: true };
    }
  }

  private circuitOpen(error: CircuitOpenError): OrderRefusal {
    return new OrderRefusal(503, 'circuit_open', `not sent: ${error.message}. Orders are refused until Bybit answers again`);
  }

  private answerKnown(request: PlaceOrderRequest, order: OrderRecord): PlaceOutcome {
    const differences = this.deps.store.differences(request);
    if (differences.length > 0) {
      throw new OrderRefusal(409, 'idempotency_conflict', `idempotencyKey ${request.idempotencyKey} was used for another order (${order.id}); differs in ${differences.join('; ')}`);
    }
    return { status: 200, order, created: false };
  }

  private async instrumentOf(symbol: string): Promise<MarketSymbol> {
    try {
      return await this.deps.instrument(symbol);
    } catch (error) {
      if (error instanceof UnknownSymbolError) throw new OrderRefusal(400, 'unknown_symbol', error.message);
      throw error;
    }
  }

  private async enforceSafeguards(notional: bigint, instrument: MarketSymbol): Promise<void> {
    const { maxOrderNotional, dailyLossLimit } = this.deps.safeguards;
    if (notional > fixed(maxOrderNotional)) {
      throw new OrderRefusal(400, 'max_notional_exceeded', `order value ${fixedText(notional)} ${instrument.quote} is above the ${maxOrderNotional} per-order limit (MAX_ORDER_NOTIONAL)`);
    }
    const realizedSince = await this.realizedToday.measure(this.clock());
    if (-realizedSince >= fixed(dailyLossLimit)) {
      throw new OrderRefusal(403, 'daily_loss_limit', `today's realized loss ${fixedText(-realizedSince)} reached the daily loss limit ${dailyLossLimit} (DAILY_LOSS_LIMIT); new orders resume at 00:00 UTC`);
    }
  }

  /**
   * Settles an order whose answer was lost (or that a crash left unsent or unanswered) from the
   * venue's own record of its orderLinkId. An order the venue never received is closed as
   * rejected: sending it now could duplicate a decision made on an old market.
   */
  private async settle(order: OrderRecord): Promise<OrderRecord> {
    const { venue, store, audit } = this.deps;
    if (venue === null || venue.name !== order.venue) return order;
    let found;
    try {
      found = await venue.query(order.idempotencyKey, order.symbol);
    } catch (error) {
      return store.transition(order.id, 'unknown', `still unknown: ${(error as Error).message}`);
    }
    if (found === null) {
      const settled = store.transition(order.id, 'rejected', 'the venue never received it; not sent again');
      audit.append('order.exchange_answer', { orderId: order.id, outcome: 'never_received' });
      return settled;
    }
    const settled = store.applyUpdate(order.id, found);
    audit.append('order.exchange_answer', { orderId: order.id, outcome: 'resolved', status: settled.status, venueOrderId: settled.venueOrderId, cumQty: settled.cumQty });
    return settled;
  }

  /** At start: every order a crash left unsent or unanswered is settled by query. */
  async resolveUnsettled(): Promise<OrderRecord[]> {
    const unsettled = this.deps.store.list({ venue: this.deps.mode, statuses: UNSETTLED_STATUSES });
    const settled: OrderRecord[] = [];
    for (const order of unsettled) settled.push(await this.settle(order));
    return settled;
  }

  async cancel(id: string, actor: string | null): Promise<OrderRecord> {
    const order = this.deps.store.get(id);
    if (order === undefined) throw this.refuseCancel(id, 404, 'unknown_order', `no order with id ${id}`, actor);
    return this.cancelOrder(order, actor);
  }

  /** A cancel refused before reaching the venue, recorded like the venue's own refusals. */
  private refuseCancel(orderId: string, status: number, code: string, message: string, actor: string | null): OrderRefusal {
    this.deps.audit.append('order.cancel', { orderId, outcome: 'refused', code, message }, actor);
    return new OrderRefusal(status, code, message);
  }

  private async cancelOrder(order: OrderRecord, actor: string | null): Promise<OrderRecord> {
    const { venue, store, audit } = this.deps;
    if (UNSETTLED_STATUSES.includes(order.status)) throw this.refuseCancel(order.id, 409, 'order_unsettled', `order ${order.id} has no known outcome yet; it is being settled with the venue`, actor);
    if (!WORKING_STATUSES.includes(order.status)) throw this.refuseCancel(order.id, 409, 'order_not_open', `order ${order.id} is ${order.status}, not open`, actor);
    if (venue === null || venue.name !== order.venue) throw this.refuseCancel(order.id, 503, 'venue_unavailable', `the ${order.venue} venue is not running in this relay`, actor);
    try {
      const update = await venue.cancel(order.idempotencyKey, order.symbol);
      const cancelled = store.applyUpdate(order.id, update);
      audit.append('order.cancel', { orderId: order.id, outcome: 'cancelled', status: cancelled.status, cumQty: cancelled.cumQty }, actor);
      return cancelled;
    } catch (error) {
      const message = (error as Error).message;
      audit.append('order.cancel', { orderId: order.id, outcome: 'failed', message }, actor);
      if (error instanceof VenueRejection) throw new OrderRefusal(409, 'cancel_rejected', `${venue.name} venue refused the cancel: ${message}`);
      throw new OrderRefusal(502, 'venue_error', `the cancel of ${order.id} got no answer: ${message}`);
    }
  }

  /** The kill switch: disarms live trading, cancels every open order of this mode's venue and halts the strategies. */
  async cancelAll(actor: string | null): Promise<CancelAllResponse> {
    // Disarmed first, so nothing new is sent while the open orders are being cancelled.
    if (this.liveArm.armed) this.setLiveArmed(false, actor);
    const haltedStrategies = this.deps.strategies?.haltAll() ?? [];
    const open = this.deps.store.list({ venue: this.deps.mode, statuses: OPEN_STATUSES });
    const response: CancelAllResponse = { cancelled: [], failed: [], haltedStrategies };
    for (const order of open) {
      const current = UNSETTLED_STATUSES.includes(order.status) ? await this.settle(order) : order;
      if (!WORKING_STATUSES.includes(current.status)) continue;
      try {
        response.cancelled.push(await this.cancelOrder(current, actor));
      } catch (error) {
        response.failed.push({ orderId: order.id, message: (error as Error).message });
      }
    }
    this.deps.audit.append('kill_switch', { cancelled: response.cancelled.map((o) => o.id), failed: response.failed, haltedStrategies }, actor);
    return response;
  }

  list(query: OrdersQuery): OrderRecord[] {
    const closed = ['filled', 'cancelled', 'rejected'] as const;
    const statuses = query.status === undefined ? undefined : query.status === 'open' ? OPEN_STATUSES : closed;
    return this.deps.store.list({ venue: this.deps.mode, ...(query.symbol ? { symbol: query.symbol } : {}), ...(statuses ? { statuses } : {}) });
  }

  detail(id: string): OrderDetailResponse {
    const order = this.deps.store.get(id);
    if (order === undefined) throw new OrderRefusal(404, 'unknown_order', `no order with id ${id}`);
    return { order, fills: this.deps.store.fills(id), events: this.deps.store.events(id) };
  }

  /** The venue's positions, or one strategy run's from the fills of its own orders. */
  async positions(query: PositionsQuery = {}): Promise<PositionsResponse> {
    const { strategyRunId } = query;
    if (strategyRunId !== undefined && this.deps.runs.get(strategyRunId) === undefined) {
      throw new OrderRefusal(404, 'unknown_run', `no strategy run ${strategyRunId}; GET /strategies/{id}/runner names a strategy's run`);
    }
    const fills = strategyRunId === undefined ? this.deps.store.venueFills(this.deps.mode) : this.deps.store.runFills(this.deps.mode, strategyRunId).map((f) => f.fill);
    const [positions] = await this.positionsOf([fills]);
    return { venue: this.deps.mode, positions: positions! };
  }

  /** Every strategy run's positions, each from its own orders' fills, read in one query. */
  async positionsByRun(): Promise<RunPositionsResponse> {
    const runs = this.deps.runs.all();
    const fillsByRun = new Map<string, FillRecord[]>(runs.map((run) => [run.runId, []]));
    for (const { runId, fill } of this.deps.store.runFills(this.deps.mode)) fillsByRun.get(runId)?.push(fill);
    const positions = await this.positionsOf(runs.map((run) => fillsByRun.get(run.runId)!));
    return {
      venue: this.deps.mode,
      runs: runs.map((run, i) => ({ runId: run.runId, strategyId: run.strategyId, version: run.version, startedAt: run.startedAt, positions: positions[i]! })),
    };
  }

  /** Positions of each list of fills, priced with one instrument and ticker read per symbol for all of them. */
  private async positionsOf(fillLists: readonly FillRecord[][]): Promise<Position[][]> {
    const symbols = [...new Set(fillLists.flat().map((f) => f.symbol))];
    const bases = new Map<string, string>();
    for (const symbol of symbols) bases.set(symbol, (await this.deps.instrument(symbol)).base);
    const lastPrices = symbols.length > 0 ? await this.deps.lastPrices(symbols) : new Map<string, string>();
    const since = utcDayStart(this.clock());
    return fillLists.map((fills) => positionsFromFills(fills, (symbol) => bases.get(symbol) ?? '', lastPrices, since).positions);
  }

  async balances(): Promise<BalancesResponse> {
    const { venue } = this.deps;
    if (venue === null) throw new OrderRefusal(503, 'venue_unavailable', `${this.deps.mode} trading has no venue in this relay yet`);
    if (venue.balances) return { venue: venue.name, ...(await venue.balances()) };
    return { venue: venue.name, balances: (await venue.snapshot()).balances };
  }

  /** Stops listening to the venue and closes it. */
  close(): void {
    this.deps.reconciliation?.close();
    this.detachVenue();
    this.deps.venue?.close();
  }
}
