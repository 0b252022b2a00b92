import { describe, expect, it } from 'vitest';
import type { FillRecord } from '../../shared/execution/index.ts';
import { fillMarkers } from './fill-markers.ts';

const fill = (over: Partial<FillRecord>): FillRecord => ({
  execId: 'e-1',
  orderId: '3f1c2a9e-6f55-4c8e-9a43-2d1f0b7c9e10',
  symbol: 'BTCUSDT',
  side: 'buy',
  price: '59259.66',
  qty: '0.001',
  fee: '0.000001',
  feeAsset: 'BTC',
  liquidity: 'taker',
  at: '2026-12-02T14:29:44.512Z',
  ...over,
});

describe('fillMarkers', () => {
  it("puts each of the chart symbol's fills on the bar it happened in, at its price, and leaves other symbols out", () => {
    const markers = fillMarkers([fill({}), fill({ execId: 'e-2', side: 'sell', price: '59300', at: '2026-12-02T14:31:00.000Z' }), fill({ execId: 'e-3', symbol: 'ETHUSDT' })], 'BTCUSDT', '5m');
    expect(markers).toEqual([
      { time: Date.parse('2026-12-02T14:25:00Z') / 1000, side: 'buy', price: 59259.66, label: 'B 0.001', id: 'e-1' },
      { time: Date.parse('2026-12-02T14:30:00Z') / 1000, side: 'sell', price: 59300, label: 'S 0.001', id: 'e-2' },
    ]);
  });
});
