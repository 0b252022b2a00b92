import { RestClientV5 } from 'bybit-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BalancesResponseSchema, OrderDetailResponseSchema, PlaceOrderResponseSchema } from '../../shared/execution/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import type { BybitStandIn } from '../bybit-standin/index.ts';
import { startRelayOverStandIn, type RelayOverStandIn } from '../relay-over-standin.ts';
import { BybitLiveVenue } from './bybit-live-venue.ts';
import type { VenueUpdate } from './venue.ts';

/** TRADING_MODE=live: the relay signs Bybit v5 through bybit-api, here to the stand-in's private side. */
describe('the live venue against the Bybit stand-in', () => {
  let setup: RelayOverStandIn;
  let sim: BybitStandIn;
  let exchange: RestClientV5;
  const credentials = { apiKey: 'live-venue-test-key', apiSecret: 'live-venue-test-secret-0123456789' };

  const api: RelayOverStandIn['api'] = (method, path, body) => setup.api(method, path, body);
  const farBelow = async () => {
    const { result } = await exchange.getTickers({ category: 'spot', symbol: 'BTCUSDT' });
    return fixedText((fixed(result.list[0]!.bid1Price) / 2n / fixed('0.01')) * fixed('0.01'));
  };
  const limit = async (idempotencyKey: string) => ({ idempotencyKey, symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.01', price: await farBelow(), reason: 'live test' });
  /** Orders the exchange itself holds under an orderLinkId: the truth about duplicates. */
  const onExchange = async (orderLinkId: string) => (await exchange.getActiveOrders({ category: 'spot', symbol: 'BTCUSDT', orderLinkId })).result.list;

  beforeAll(async () => {
    setup = await startRelayOverStandIn({ realSymbols: ['BTCUSDT'], ...credentials }, (standIn) => ({
      BYBIT_REST_URL: standIn.restUrl,
      TRADING_MODE: 'live',
      LIVE_TRADING_CONFIRM: 'yes',
      BYBIT_API_KEY: credentials.apiKey,
      BYBIT_API_SECRET: credentials.apiSecret,
    }));
    ({ sim } = setup);
    exchange = new RestClientV5({ baseUrl: sim.restUrl, key: credentials.apiKey, secret: credentials.apiSecret });
  });

  afterAll(() => setup?.close());

  it('refuses live orders with 409 until an operator arms live trading, sending nothing; arming shows in /status', async () => {
    const refused = await api('POST', '/orders', await limit('live-unarmed'));
    expect(refused.status).toBe(409);
    expect(ApiErrorSchema.parse(refused.body).error).toMatchObject({ code: 'live_not_armed', message: expect.stringMatching(/^live trading is not armed: .*nothing was sent$/) });
    expect(await onExchange('live-unarmed')).toEqual([]);
    expect((await api('GET', '/audit?kind=order.intent')).body).toMatchObject({ entries: [{ payload: { outcome: 'refused', code: 'live_not_armed', idempotencyKey: 'live-unarmed' } }] });
    expect((await api('GET', '/status')).body).toMatchObject({ mode: 'live', liveArm: { armed: false, changedAt: null } });

    expect(await api('PUT', '/trading/live', { armed: true })).toMatchObject({ status: 200, body: { live: { armed: true, changedAt: expect.any(String) } } });
    expect((await api('GET', '/status')).body).toMatchObject({ liveArm: { armed: true } });
    expect((await api('GET', '/audit?kind=mode.change')).body).toMatchObject({ entries: [{ payload: { mode: 'live', armed: true } }] });
  });

  it('places a signed limit order that rests on the exchange, and cancels it there', async () => {
    const placed = await api('POST', '/orders', await limit('live-1'));
    expect(placed.status).toBe(201);
    const { order } = PlaceOrderResponseSchema.parse(placed.body);
    expect(order).toMatchObject({ venue: 'live', status: 'new', venueOrderId: expect.any(String) });
    expect((await onExchange('live-1')).map((o) => o.orderStatus)).toEqual(['New']);

    expect(await api('POST', `/orders/${order.id}/cancel`)).toMatchObject({ status: 200, body: { order: { status: 'cancelled' } } });
    expect((await onExchange('live-1')).map((o) => o.orderStatus)).toEqual(['Cancelled']);
  });

  it('finds an order whose create answer was lost by its orderLinkId before answering: one order on the exchange', async () => {
    sim.faults.injectRest({ kind: 'lose-response', path: '/v5/order/create' });
    const placed = await api('POST', '/orders', await limit('live-lost'));
    expect(placed.status).toBe(201);
    const { order } = PlaceOrderResponseSchema.parse(placed.body);
    expect(order).toMatchObject({ status: 'new' });
    const detail = OrderDetailResponseSchema.parse((await api('GET', `/orders/${order.id}`)).body);
    // The venue asked Bybit itself, so the intent never had to be recorded as unknown.
    expect(detail.events.map((e) => e.status)).toEqual(['submitting', 'new']);
    expect(await onExchange('live-lost')).toHaveLength(1);
    // The kill switch disarms: the next live order waits for the operator again.
    await api('POST', '/orders/cancel-all');
    expect((await api('GET', '/status')).body).toMatchObject({ liveArm: { armed: false } });
    expect((await api('POST', '/orders', await limit('live-after-kill'))).status).toBe(409);
    await api('PUT', '/trading/live', { armed: true });
  });

  it('fills a market buy with Bybit\'s fills and fee coin, and reads balances from the wallet', async () => {
    const placed = await api('POST', '/orders', { idempotencyKey: 'live-mkt', symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '0.01', reason: 'live test' });
    const { order } = PlaceOrderResponseSchema.parse(placed.body);
    expect(order).toMatchObject({ status: 'filled', cumQty: '0.01' });
    const { fills } = OrderDetailResponseSchema.parse((await api('GET', `/orders/${order.id}`)).body);
    expect(fills).toMatchObject([{ qty: '0.01', fee: '0.00001', feeAsset: 'BTC', liquidity: 'taker' }]);
    const { venue, balances, source } = BalancesResponseSchema.parse((await api('GET', '/balances')).body);
    expect(venue).toBe('live');
    // This relay has no private stream (no BYBIT_WS_PRIVATE_URL): REST is all it has.
    expect(source).toBe('rest');
    expect(balances.find((b) => b.asset === 'BTC')).toMatchObject({ total: '1.00999' });
  });

  it('answers an exchange refusal with a 422 in Bybit\'s words', async () => {
    const refused = await api('POST', '/orders', { idempotencyKey: 'live-sell', symbol: 'BTCUSDT', side: 'sell', type: 'limit', qty: '5', price: '900', reason: 'live test' });
    expect(refused.status).toBe(422);
    expect(ApiErrorSchema.parse(refused.body).error.message).toMatch(/^live venue rejected the order: Bybit 170131: /);
  });

  it('reports a resting order filling on the exchange by polling it', async () => {
    const venue = new BybitLiveVenue({ client: exchange, pollMs: 50 });
    const updates: VenueUpdate[] = [];
    venue.onUpdate((update) => updates.push(update));
    try {
      const { result } = await exchange.getTickers({ category: 'spot', symbol: 'BTCUSDT' });
      // Twenty ticks either side of the book: the walk cannot cross them while the orders travel
      // (they would then fill as taker), and trades through one of them within simulated minutes,
      // whichever way it drifts from now.
      const prices = { buy: fixedText(fixed(result.list[0]!.bid1Price) - fixed('0.2')), sell: fixedText(fixed(result.list[0]!.ask1Price) + fixed('0.2')) };
      for (const side of ['buy', 'sell'] as const) {
        const placed = await venue.submit({ orderLinkId: `live-poll-${side}`, symbol: 'BTCUSDT', side, type: 'limit', qty: '0.001000', quoteAmount: null, price: prices[side], timeInForce: 'GTC' });
        expect(placed.order.status).toBe('new');
      }
      for (let step = 0; step < 100 && !updates.some((u) => u.order.status === 'filled'); step++) {
        sim.advanceTime(5_000);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const filled = updates.find((u) => u.order.status === 'filled');
      const side = filled?.order.orderLinkId === 'live-poll-sell' ? 'sell' : 'buy';
      // The stand-in's tape may fill it in one trade or in several smaller ones: each at its price, as maker, adding up to its qty.
      const fills = updates.filter((u) => u.order.orderLinkId === filled?.order.orderLinkId).flatMap((u) => u.fills);
      expect(fills.length).toBeGreaterThan(0);
      for (const fill of fills) expect(fill).toMatchObject({ execId: expect.any(String), price: prices[side], feeAsset: side === 'buy' ? 'BTC' : 'USDT', liquidity: 'maker' });
      expect(fixedText(fills.reduce((sum, f) => sum + fixed(f.qty), 0n))).toBe('0.001');
      expect(new Set(fills.map((f) => f.execId)).size).toBe(fills.length);
      const other = `live-poll-${side === 'buy' ? 'sell' : 'buy'}`;
      if (!updates.some((u) => u.order.orderLinkId === other && u.order.status === 'filled')) await venue.cancel(other, 'BTCUSDT');
    } finally {
      venue.close();
    }
  }, 30_000);
});
