import { describe, expect, it } from 'vitest';
import type { OrderRecord } from '../../shared/execution/index.ts';
import { findBalanceDrift, findOrderDrift } from './reconciliation-drift.ts';
import type { VenueFill, VenueOrderState } from './venue.ts';

const local = (idempotencyKey: string, status: OrderRecord['status'], cumQty = '0'): OrderRecord => ({
  id: `id-${idempotencyKey}`,
  idempotencyKey,
  symbol: 'BTCUSDT',
  side: 'buy',
  type: 'limit',
  strategyId: null,
  reason: 'test',
  venue: 'live',
  qty: '0.01',
  quoteAmount: null,
  price: '100',
  triggerPrice: null,
  timeInForce: 'GTC',
  status,
  venueOrderId: `v-${idempotencyKey}`,
  cumQty,
  cumQuote: '0',
  avgPrice: null,
  statusReason: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const open = (orderLinkId: string, status: VenueOrderState['status'], cumQty = '0'): VenueOrderState => ({ orderLinkId, venueOrderId: `v-${orderLinkId}`, symbol: 'BTCUSDT', status, cumQty, cumQuote: '0', statusReason: null });
const fill = (execId: string, orderLinkId: string): VenueFill => ({ execId, orderLinkId, symbol: 'BTCUSDT', side: 'buy', price: '100', qty: '0.005', fee: '0.000005', feeAsset: 'BTC', liquidity: 'maker', time: 0 });

describe('findOrderDrift', () => {
  it('finds nothing when the venue agrees, whatever the spelling of amounts', () => {
    const found = findOrderDrift({ localOpen: [local('a', 'partially_filled', '0.005')], venueOpen: [open('a', 'partially_filled', '0.005000')], venueFills: [fill('e1', 'a')], hasFill: () => true, hasOrder: () => true });
    expect(found).toEqual({ drift: [], repair: new Map() });
  });

  it('repairs local open orders the venue closed or filled further, and fills the relay missed; flags foreign ones', () => {
    const mine = new Set(['gone', 'further', 'quiet']);
    const found = findOrderDrift({
      localOpen: [local('gone', 'new'), local('further', 'new')],
      venueOpen: [open('further', 'partially_filled', '0.005'), open('manual', 'new')],
      venueFills: [fill('e-known', 'further'), fill('e-missed', 'quiet'), fill('e-foreign', 'manual')],
      hasFill: (execId) => execId === 'e-known',
      hasOrder: (linkId) => mine.has(linkId),
    });
    expect(found.drift).toEqual([
      { kind: 'order_status', subject: 'gone', local: 'new, filled 0', venue: 'not open' },
      { kind: 'order_status', subject: 'further', local: 'new, filled 0', venue: 'partially_filled, filled 0.005' },
      { kind: 'foreign_order', subject: 'manual', local: 'never placed by the relay', venue: 'new, filled 0' },
      { kind: 'missed_fill', subject: 'e-missed', local: 'not stored', venue: 'buy 0.005 BTCUSDT at 100 (order quiet)' },
      { kind: 'foreign_fill', subject: 'e-foreign', local: 'never placed by the relay', venue: 'buy 0.005 BTCUSDT at 100 (order manual)' },
    ]);
    expect([...found.repair]).toEqual([
      ['gone', 'BTCUSDT'],
      ['further', 'BTCUSDT'],
      ['quiet', 'BTCUSDT'],
    ]);
  });
});

describe('findBalanceDrift', () => {
  it('names each asset whose total differs, an asset missing on either side counting as 0', () => {
    const expected = [
      { asset: 'BTC', free: '1', locked: '0', total: '1.0' },
      { asset: 'USDT', free: '90', locked: '10', total: '100' },
    ];
    const venue = [
      { asset: 'BTC', free: '1', locked: '0', total: '1' },
      { asset: 'USDT', free: '95', locked: '0', total: '95' },
      { asset: 'ETH', free: '2', locked: '0', total: '2' },
    ];
    expect(findBalanceDrift(expected, venue)).toEqual([
      { kind: 'balance', subject: 'ETH', local: '0 expected', venue: '2' },
      { kind: 'balance', subject: 'USDT', local: '100 expected', venue: '95' },
    ]);
  });
});
