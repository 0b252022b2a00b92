import type { Balance, Drift, OrderRecord } from '../../shared/execution/index.ts';
import { fixed } from '../../shared/matching/fixed-decimal.ts';
import type { VenueFill, VenueOrderState } from './venue.ts';

/** Drift as found, before any repair. */
export type FoundDrift = Omit<Drift, 'repaired'>;

export interface OrderDriftInput {
  /** The relay's open orders of the venue (new or partially filled). */
  localOpen: readonly OrderRecord[];
  /** What the venue lists as open now. */
  venueOpen: readonly VenueOrderState[];
  /** The venue's fills of the window reconciled. */
  venueFills: readonly VenueFill[];
  /** Whether the relay stored this fill. */
  hasFill(execId: string): boolean;
  /** Whether the relay placed an order with this orderLinkId. */
  hasOrder(orderLinkId: string): boolean;
}

export interface OrderDrift {
  drift: FoundDrift[];
  /** orderLinkId -> symbol of the local orders to re-read from the venue. */
  repair: Map<string, string>;
}

const described = (status: string, cumQty: string) => `${status}, filled ${cumQty}`;

/**
 * Pure: where the relay's orders and fills disagree with the venue's snapshots, and which local
 * orders to re-read from the venue to repair it. A local open order the venue no longer lists as
 * open, or lists with another status or filled quantity, and a venue fill of a local order that
 * the relay never stored are repaired; orders and fills the relay never placed are only flagged.
 */
export function findOrderDrift({ localOpen, venueOpen, venueFills, hasFill, hasOrder }: OrderDriftInput): OrderDrift {
  const drift: FoundDrift[] = [];
  const repair = new Map<string, string>();
  const open = new Map(venueOpen.map((o) => [o.orderLinkId, o]));
  for (const order of localOpen) {
    const there = open.get(order.idempotencyKey);
    if (there !== undefined && there.status === order.status && fixed(there.cumQty) === fixed(order.cumQty)) continue;
    drift.push({ kind: 'order_status', subject: order.idempotencyKey, local: described(order.status, order.cumQty), venue: there === undefined ? 'not open' : described(there.status, there.cumQty) });
    repair.set(order.idempotencyKey, order.symbol);
  }
  for (const order of venueOpen) {
    if (!hasOrder(order.orderLinkId)) drift.push({ kind: 'foreign_order', subject: order.orderLinkId || order.venueOrderId, local: 'never placed by the relay', venue: described(order.status, order.cumQty) });
  }
  for (const fill of venueFills) {
    if (hasFill(fill.execId)) continue;
    const venue = `${fill.side} ${fill.qty} ${fill.symbol} at ${fill.price} (order ${fill.orderLinkId || 'without orderLinkId'})`;
    if (hasOrder(fill.orderLinkId)) {
      drift.push({ kind: 'missed_fill', subject: fill.execId, local: 'not stored', venue });
      repair.set(fill.orderLinkId, fill.symbol);
    } else {
      drift.push({ kind: 'foreign_fill', subject: fill.execId, local: 'never placed by the relay', venue });
    }
  }
  return { drift, repair };
}

/** Pure: each asset whose venue total differs from the total the relay expects. */
export function findBalanceDrift(expected: readonly Balance[], venue: readonly Balance[]): FoundDrift[] {
  const want = new Map(expected.map((b) => [b.asset, fixed(b.total)]));
  const have = new Map(venue.map((b) => [b.asset, fixed(b.total)]));
  const assets = [...new Set([...want.keys(), ...have.keys()])].sort();
  return assets
    .filter((asset) => (want.get(asset) ?? 0n) !== (have.get(asset) ?? 0n))
    .map((asset) => ({
      kind: 'balance' as const,
      subject: asset,
      local: `${expected.find((b) => b.asset === asset)?.total ?? '0'} expected`,
      venue: venue.find((b) => b.asset === asset)?.total ?? '0',
    }));
}
