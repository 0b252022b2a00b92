import { UNSETTLED_STATUSES, type OrderRecord } from '../../shared/execution/index.ts';
import { BYBIT_ORDER_STATUS } from './bybit-live-venue.ts';

/** An order as the exchange holds it, in Bybit's words. */
export interface ExchangeOrder {
  orderLinkId: string;
  orderId: string;
  /** Bybit's orderStatus, e.g. "New", "Filled". */
  status: string;
}

export interface IntentAudit {
  /** Exchange orders beyond the first under one orderLinkId. */
  duplicates: number;
  /** Intents still `submitting` or `unknown`. */
  unsettled: number;
  /** Exchange orders with no intent behind them (e.g. sent before the intent was written). */
  orphans: number;
  /** Intents whose recorded outcome differs from the exchange's, one line each. */
  mismatches: string[];
}

/**
 * Holds the relay's intents against the exchange's own orders, the truth a fault or crash is
 * judged by: one exchange order per orderLinkId, each one under an intent with its id and status,
 * and an intent closed as rejected only when the exchange has nothing under its key.
 */
export function auditIntents(intents: readonly OrderRecord[], exchange: readonly ExchangeOrder[]): IntentAudit {
  const byLink = new Map<string, ExchangeOrder[]>();
  for (const order of exchange) byLink.set(order.orderLinkId, [...(byLink.get(order.orderLinkId) ?? []), order]);
  const keys = new Set(intents.map((intent) => intent.idempotencyKey));
  const audit: IntentAudit = { duplicates: 0, unsettled: 0, orphans: 0, mismatches: [] };
  for (const [orderLinkId, orders] of byLink) {
    audit.duplicates += orders.length - 1;
    if (!keys.has(orderLinkId)) audit.orphans += orders.length;
  }
  for (const intent of intents) {
    if (UNSETTLED_STATUSES.includes(intent.status)) {
      audit.unsettled += 1;
      continue;
    }
    const held = byLink.get(intent.idempotencyKey)?.[0];
    if (held === undefined) {
      if (intent.status !== 'rejected') audit.mismatches.push(`${intent.idempotencyKey}: ${intent.status} in the relay, not on the exchange`);
      continue;
    }
    const status = BYBIT_ORDER_STATUS[held.status];
    if (intent.venueOrderId !== held.orderId || intent.status !== status) {
      audit.mismatches.push(`${intent.idempotencyKey}: ${intent.status} ${intent.venueOrderId} in the relay, ${status} ${held.orderId} on the exchange`);
    }
  }
  return audit;
}
