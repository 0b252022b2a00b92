import { z } from 'zod';
import { DecimalStringSchema, OrderStatusSchema, type Balance, type BalancesSource, type OrderRecord, type OrderType, type TimeInForce, type VenueName } from '../../shared/execution/index.ts';
import type { CircuitStatus } from '../../shared/net/circuit-status.ts';
import { SideSchema, type Side } from '../../shared/strategy/intents.ts';

/** An order as it leaves for a venue: amounts already exchange-ready strings on the instrument's grid. */
export interface VenueOrderRequest {
  /** The idempotency key; Bybit's `orderLinkId`. */
  orderLinkId: string;
  symbol: string;
  side: Side;
  type: OrderType;
  qty: string | null;
  /** Quote to spend on a market buy (Bybit `marketUnit: "quoteCoin"`). */
  quoteAmount: string | null;
  price: string | null;
  /** Stop orders only. */
  triggerPrice?: string | null;
  timeInForce: TimeInForce;
}

/** What a venue says of one order; statuses are the venue's final word (never submitting/unknown). */
export const VenueOrderStateSchema = z.object({
  orderLinkId: z.string(),
  venueOrderId: z.string(),
  symbol: z.string(),
  status: OrderStatusSchema.exclude(['submitting', 'unknown']),
  cumQty: DecimalStringSchema,
  cumQuote: DecimalStringSchema,
  /** The venue's reason for a rejection or an early end, null otherwise. */
  statusReason: z.string().nullable(),
});
export type VenueOrderState = z.infer<typeof VenueOrderStateSchema>;

export const VenueFillSchema = z.object({
  execId: z.string(),
  orderLinkId: z.string(),
  symbol: z.string(),
  side: SideSchema,
  price: DecimalStringSchema,
  qty: DecimalStringSchema,
  fee: DecimalStringSchema,
  feeAsset: z.string(),
  liquidity: z.enum(['maker', 'taker']),
  /** ms epoch */
  time: z.number(),
});
export type VenueFill = z.infer<typeof VenueFillSchema>;

/** One order's state after a change, with the fills that change made (possibly none); kept as is in a dead letter. */
export const VenueUpdateSchema = z.object({ order: VenueOrderStateSchema, fills: z.array(VenueFillSchema) });
export type VenueUpdate = z.infer<typeof VenueUpdateSchema>;

export interface VenueSnapshot {
  openOrders: VenueOrderState[];
  balances: Balance[];
}

/**
 * Where orders execute: the paper venue in the relay, or a Bybit account. The execution service
 * only sees this, so both keep the same lifecycle and records.
 */
export interface Venue {
  readonly name: VenueName;
  /** It holds stop orders until they trigger (the paper venue; Bybit's conditional orders are not wired yet). */
  readonly holdsStops?: boolean;
  /**
   * Places the order. Throws VenueRejection when the venue refused it (nothing was placed); any
   * other error leaves the outcome unknown, to be settled by `query`, never by sending again.
   */
  submit(order: VenueOrderRequest): Promise<VenueUpdate>;
  /** Throws VenueRejection when the venue refuses (e.g. the order is no longer open). */
  cancel(orderLinkId: string, symbol: string): Promise<VenueUpdate>;
  /** The order and all its fills, or null when the venue never received it. */
  query(orderLinkId: string, symbol: string): Promise<VenueUpdate | null>;
  /** Open orders and balances, read from the venue itself (reconciliation's truth). */
  snapshot(): Promise<VenueSnapshot>;
  /** Balances for display, from wherever a remote venue has them current; absent: the snapshot's. */
  balances?(): Promise<{ balances: Balance[]; source: BalancesSource }>;
  /** Every fill the venue made at or after `since` (ms epoch), for reconciliation to find the ones the relay missed. */
  fillsSince(since: number): Promise<VenueFill[]>;
  /** The circuit breaker in front of a remote venue; absent for one in the relay (paper). */
  circuit?(): CircuitStatus;
  /** Told when a remote venue answers again after its breaker opened, so the relay reconciles. */
  onReconnect?(listener: () => void): () => void;
  /** At start: the relay's orders still open on a remote venue, which it follows again for changes. */
  follow?(openOrders: readonly OrderRecord[]): void;
  /** Changes the venue makes on its own (a resting limit filling). */
  onUpdate(listener: (update: VenueUpdate) => void): () => void;
  close(): void;
}

/** The venue answered and refused: a definite outcome, in its words. */
export class VenueRejection extends Error {
  override name = 'VenueRejection';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
