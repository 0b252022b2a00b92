import { randomUUID } from 'node:crypto';
import {
  FillRecordSchema,
  OrderEventSchema,
  OrderRecordSchema,
  PlaceOrderRequestSchema,
  type FillRecord,
  type OrderEvent,
  type OrderRecord,
  type OrderStatus,
  type PlaceOrderRequest,
  type VenueName,
} from '../../shared/execution/index.ts';
import { canonicalJson } from '../../shared/json/canonical-json.ts';
import { fixed, fixedText, div } from '../../shared/matching/fixed-decimal.ts';
import { sha256Hex } from '../audit/audit-chain.ts';
import type { SqliteDatabase } from '../storage/database.ts';
import type { VenueFill, VenueUpdate } from './venue.ts';

export type IntentOutcome =
  | { status: 'created'; order: OrderRecord }
  | { status: 'duplicate'; order: OrderRecord }
  /** The key was used with another body; `differences` names each field that differs. */
  | { status: 'conflict'; order: OrderRecord; differences: string[] };

/** What the intent is placed as, decided before it is written (the venue, the grid-ready amounts). */
export type OrderDraft = Pick<OrderRecord, 'venue' | 'qty' | 'quoteAmount' | 'price' | 'triggerPrice' | 'timeInForce'>;

export interface OrderListFilter {
  venue: VenueName;
  symbol?: string;
  statuses?: readonly OrderStatus[];
}

/** A fill of an order a strategy run placed (its key is one of the run's recorded intents). */
export interface RunFill {
  runId: string;
  fill: FillRecord;
}

export interface OrderStore {
  /** In one transaction: a new key is written as `submitting`; a known one is answered, never written again. */
  createIntent(request: PlaceOrderRequest, draft: OrderDraft): IntentOutcome;
  get(id: string): OrderRecord | undefined;
  getByKey(idempotencyKey: string): OrderRecord | undefined;
  /** How `request` differs from the one stored under its key; empty when equal or when the key is new. */
  differences(request: PlaceOrderRequest): string[];
  list(filter: OrderListFilter): OrderRecord[];
  /** A transition the relay decides (e.g. `unknown` when an answer was lost). */
  transition(id: string, status: OrderStatus, detail: string | null): OrderRecord;
  /** The venue's word on an order: new fills appended (known execIds skipped), status and totals updated. */
  applyUpdate(id: string, update: VenueUpdate): OrderRecord;
  fills(orderId: string): FillRecord[];
  /** Whether the fill with this execId is stored. */
  hasFill(execId: string): boolean;
  /** Every fill of a venue, oldest first. */
  venueFills(venue: VenueName): FillRecord[];
  /** A venue's fills stored after `cursor` (0 for all), in the order stored, and the cursor to pass next. */
  venueFillsAfter(venue: VenueName, cursor: number): { fills: FillRecord[]; cursor: number };
  /** A venue's fills of strategy runs' orders, oldest first: one run's, or every run's. */
  runFills(venue: VenueName, runId?: string): RunFill[];
  events(orderId: string): OrderEvent[];
}

/** SHA-256 of the request's canonical JSON: equal bodies hash equally whatever their key order. */
export function requestHash(request: PlaceOrderRequest): string {
  return sha256Hex(canonicalJson(request));
}

/** Fields whose values differ between two requests, for a 409 that says what changed. */
function differingFields(stored: PlaceOrderRequest, sent: PlaceOrderRequest): string[] {
  const keys = [...new Set([...Object.keys(stored), ...Object.keys(sent)])].sort();
  const a = stored as Record<string, unknown>;
  const b = sent as Record<string, unknown>;
  return keys.filter((key) => a[key] !== b[key]).map((key) => `${key}: stored ${JSON.stringify(a[key])}, sent ${JSON.stringify(b[key])}`);
}

interface OrderRow {
  json: string;
  request_json: string;
  request_hash: string;
}
interface EventRow {
  seq: number;
  order_id: string;
  status: string;
  at: string;
  detail: string | null;
}

/**
 * Orders in SQLite (migration "orders, their lifecycle events and fills"). An order row holds the
 * latest state; `order_events` and `fills` are append-only by trigger, so the history of every
 * order can be replayed and cannot be rewritten.
 */
export function createOrderStore(db: SqliteDatabase, clock: () => Date = () => new Date()): OrderStore {
  const insertOrder = db.prepare(
    `INSERT INTO orders (id, idempotency_key, request_hash, request_json, venue, symbol, status, json, created_at)
     VALUES (@id, @key, @hash, @requestJson, @venue, @symbol, @status, @json, @createdAt)`,
  );
  const updateOrder = db.prepare('UPDATE orders SET status = @status, json = @json WHERE id = @id');
  const byKey = db.prepare<[string], OrderRow>('SELECT json, request_json, request_hash FROM orders WHERE idempotency_key = ?');
  const byId = db.prepare<[string], OrderRow>('SELECT json, request_json, request_hash FROM orders WHERE id = ?');
  const insertEvent = db.prepare('INSERT INTO order_events (order_id, status, at, detail) VALUES (?, ?, ?, ?)');
  const eventsOf = db.prepare<[string], EventRow>('SELECT seq, order_id, status, at, detail FROM order_events WHERE order_id = ? ORDER BY seq');
  const fillExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM fills WHERE exec_id = ?');
  const insertFill = db.prepare('INSERT INTO fills (exec_id, order_id, venue, symbol, at, json) VALUES (?, ?, ?, ?, ?, ?)');
  const fillsOf = db.prepare<[string], { json: string }>('SELECT json FROM fills WHERE order_id = ? ORDER BY at, rowid');
  const fillsOfVenue = db.prepare<[string], { json: string }>('SELECT json FROM fills WHERE venue = ? ORDER BY at, rowid');
  // Fills are append-only, so rowid only grows: a rowid range reads just what came since.
  const fillsOfVenueAfter = db.prepare<[string, number], { seq: number; json: string }>('SELECT rowid AS seq, json FROM fills WHERE venue = ? AND rowid > ? ORDER BY rowid');
  // A run's orders are those placed with the keys of its recorded intents (relay/runner/run-store.ts).
  // One run's: CROSS JOIN keeps SQLite starting from that run's intents (their run index), then the
  // orders' unique key and the fills' order index, so the venue's other fills are never read.
  // Every run's: from the venue's fills in time order (their index), each looked up by key.
  const runFillsSql = (oneRun: boolean) => {
    const join = oneRun ? 'CROSS JOIN' : 'JOIN';
    return `SELECT i.run_id, f.json FROM strategy_run_intents i
     ${join} orders o ON o.idempotency_key = i.idempotency_key
     ${join} fills f ON f.order_id = o.id
     WHERE f.venue = ?${oneRun ? ' AND i.run_id = ?' : ''} ORDER BY f.at, f.rowid`;
  };
  const fillsOfRun = db.prepare<[string, string], { run_id: string; json: string }>(runFillsSql(true));
  const fillsOfRuns = db.prepare<[string], { run_id: string; json: string }>(runFillsSql(false));

  const parseOrder = (row: OrderRow): OrderRecord => OrderRecordSchema.parse(JSON.parse(row.json));
  const now = () => clock().toISOString();

  const write = (order: OrderRecord, previous: OrderRecord, detail: string | null): OrderRecord => {
    updateOrder.run({ id: order.id, status: order.status, json: JSON.stringify(order) });
    if (order.status !== previous.status || order.cumQty !== previous.cumQty) insertEvent.run(order.id, order.status, order.updatedAt, detail);
    return order;
  };

  const mustGet = (id: string): OrderRecord => {
    const row = byId.get(id);
    if (row === undefined) throw new Error(`no order ${id}`);
    return parseOrder(row);
  };

  const differences = (request: PlaceOrderRequest): string[] => {
    const existing = byKey.get(request.idempotencyKey);
    if (existing === undefined || existing.request_hash === requestHash(request)) return [];
    return differingFields(PlaceOrderRequestSchema.parse(JSON.parse(existing.request_json)), request);
  };

  const createIntent = db.transaction((request: PlaceOrderRequest, draft: OrderDraft): IntentOutcome => {
    const hash = requestHash(request);
    const existing = byKey.get(request.idempotencyKey);
    if (existing !== undefined) {
      const order = parseOrder(existing);
      if (existing.request_hash === hash) return { status: 'duplicate', order };
      return { status: 'conflict', order, differences: differences(request) };
    }
    const at = now();
    const order: OrderRecord = {
      id: randomUUID(),
      idempotencyKey: request.idempotencyKey,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      strategyId: request.strategyId ?? null,
      reason: request.reason,
      ...draft,
      status: 'submitting',
      venueOrderId: null,
      cumQty: '0',
      cumQuote: '0',
      avgPrice: null,
      statusReason: null,
      createdAt: at,
      updatedAt: at,
    };
    insertOrder.run({
      id: order.id,
      key: order.idempotencyKey,
      hash,
      requestJson: JSON.stringify(request),
      venue: order.venue,
      symbol: order.symbol,
      status: order.status,
      json: JSON.stringify(order),
      createdAt: at,
    });
    insertEvent.run(order.id, order.status, at, 'intent written before sending');
    return { status: 'created', order };
  });

  const transition = db.transaction((id: string, status: OrderStatus, detail: string | null): OrderRecord => {
    const previous = mustGet(id);
    return write({ ...previous, status, updatedAt: now(), statusReason: detail ?? previous.statusReason }, previous, detail);
  });

  const toFill = (orderId: string, fill: VenueFill): FillRecord => ({
    execId: fill.execId,
    orderId,
    symbol: fill.symbol,
    side: fill.side,
    price: fill.price,
    qty: fill.qty,
    fee: fill.fee,
    feeAsset: fill.feeAsset,
    liquidity: fill.liquidity,
    at: new Date(fill.time).toISOString(),
  });

  const applyUpdate = db.transaction((id: string, update: VenueUpdate): OrderRecord => {
    const previous = mustGet(id);
    for (const fill of update.fills) {
      if (fillExists.get(fill.execId) !== undefined) continue;
      const record = toFill(id, fill);
      insertFill.run(record.execId, id, previous.venue, record.symbol, record.at, JSON.stringify(record));
    }
    const { order: state } = update;
    const cumQty = fixed(state.cumQty);
    const order: OrderRecord = {
      ...previous,
      status: state.status,
      venueOrderId: state.venueOrderId,
      cumQty: state.cumQty,
      cumQuote: state.cumQuote,
      avgPrice: cumQty === 0n ? null : fixedText(div(fixed(state.cumQuote), cumQty)),
      statusReason: state.statusReason,
      updatedAt: now(),
    };
    return write(order, previous, state.statusReason ?? (state.cumQty === previous.cumQty ? null : `filled ${state.cumQty}`));
  });

  return {
    createIntent: (request, draft) => createIntent(PlaceOrderRequestSchema.parse(request), draft),
    get: (id) => {
      const row = byId.get(id);
      return row === undefined ? undefined : parseOrder(row);
    },
    getByKey: (key) => {
      const row = byKey.get(key);
      return row === undefined ? undefined : parseOrder(row);
    },
    differences: (request) => differences(PlaceOrderRequestSchema.parse(request)),
    list: ({ venue, symbol, statuses }) => {
      const where = ['venue = ?'];
      const params: string[] = [venue];
      if (symbol !== undefined) {
        where.push('symbol = ?');
        params.push(symbol);
      }
      if (statuses !== undefined) {
        where.push(`status IN (${statuses.map(() => '?').join(', ')})`);
        params.push(...statuses);
      }
      const rows = db.prepare<string[], OrderRow>(`SELECT json, request_json, request_hash FROM orders WHERE ${where.join(' AND ')} ORDER BY created_at DESC, rowid DESC`).all(...params);
      return rows.map(parseOrder);
    },
    transition,
    applyUpdate,
    hasFill: (execId) => fillExists.get(execId) !== undefined,
    fills: (orderId) => fillsOf.all(orderId).map((row) => FillRecordSchema.parse(JSON.parse(row.json))),
    venueFills: (venue) => fillsOfVenue.all(venue).map((row) => FillRecordSchema.parse(JSON.parse(row.json))),
    venueFillsAfter: (venue, cursor) => {
      const rows = fillsOfVenueAfter.all(venue, cursor);
      return { fills: rows.map((row) => FillRecordSchema.parse(JSON.parse(row.json))), cursor: rows.at(-1)?.seq ?? cursor };
    },
    runFills: (venue, runId) =>
      (runId === undefined ? fillsOfRuns.all(venue) : fillsOfRun.all(venue, runId)).map((row) => ({ runId: row.run_id, fill: FillRecordSchema.parse(JSON.parse(row.json)) })),
    events: (orderId) =>
      eventsOf.all(orderId).map((row) => OrderEventSchema.parse({ seq: row.seq, orderId: row.order_id, status: row.status, at: row.at, detail: row.detail })),
  };
}
