import type { Balance, OrderStatus, OrderType, TimeInForce, VenueName } from '../../shared/execution/index.ts';
import type { Side } from '../../shared/strategy/intents.ts';

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
  timeInForce: TimeInForce;
}

/** What a venue says of one order; statuses are the venue's final word (never submitting/unknown). */
export interface VenueOrderState {
  orderLinkId: string;
  venueOrderId: string;
  symbol: string;
  status: Exclude<OrderStatus, 'submitting' | 'unknown'>;
  cumQty: string;
  cumQuote: string;
  /** The venue's reason for a rejection or an early end, null otherwise. */
  statusReason: string | null;
}

export interface VenueFill {
  execId: string;
  orderLinkId: string;
  symbol: string;
  side: Side;
  price: string;
  qty: string;
  fee: string;
  feeAsset: string;
  liquidity: 'maker' | 'taker';
  /** ms epoch */
  time: number;
}

/** One order's state after a change, with the fills that change made (possibly none). */
export interface VenueUpdate {
  order: VenueOrderState;
  fills: VenueFill[];
}

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
  /**
   * Places the order. Throws VenueRejection when the venue refused it (nothing was placed); any
   * other error leaves the outcome unknown, to be settled by `query`, never by sending again.
   */
  submit(order: VenueOrderRequest): Promise<VenueUpdate>;
  /** Throws VenueRejection when the venue refuses (e.g. the order is no longer open). */
  cancel(orderLinkId: string, symbol: string): Promise<VenueUpdate>;
  /** The order and all its fills, or null when the venue never received it. */
  query(orderLinkId: string, symbol: string): Promise<VenueUpdate | null>;
  snapshot(): Promise<VenueSnapshot>;
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
