import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../shared/audit/index.ts';
import {
  BalancesResponseSchema,
  CancelAllResponseSchema,
  OrderDetailResponseSchema,
  OrderListResponseSchema,
  PlaceOrderResponseSchema,
  PositionsResponseSchema,
} from '../../shared/execution/index.ts';
import { ApiErrorSchema } from '../../shared/market/index.ts';
import { fixed, fixedText, mul } from '../../shared/matching/fixed-decimal.ts';
import { OPERATOR_AUTH } from '../access/test-access.ts';
import type { BybitStandIn } from '../bybit-standin/index.ts';
import { startRelayOverStandIn, type RelayOverStandIn } from '../relay-over-standin.ts';
import type { RunningRelay } from '../server.ts';

/** The order routes of a real relay, paper venue, against the Bybit stand-in's live BTCUSDT market. */
describe('order routes over the paper venue', () => {
  let setup: RelayOverStandIn;
  let sim: BybitStandIn;
  let relay: RunningRelay;

  const api: RelayOverStandIn['api'] = (method, path, body) => setup.api(method, path, body);
  /** The stand-in's own book top, read straight from its REST ticker. */
  const standInBook = async () => {
    const res = await fetch(`${sim.restUrl}/v5/market/tickers?category=spot&symbol=BTCUSDT`);
    const ticker = ((await res.json()) as { result: { list: Array<{ bid1Price: string; ask1Price: string; lastPrice: string }> } }).result.list[0]!;
    return ticker;
  };
  const balances = async () => BalancesResponseSchema.parse((await api('GET', '/balances')).body).balances;
  const orders = async () => OrderListResponseSchema.parse((await api('GET', '/orders')).body).orders;

  beforeAll(async () => {
    setup = await startRelayOverStandIn({ realSymbols: ['BTCUSDT'] }, () => ({ MAX_ORDER_NOTIONAL: '20000' }));
    ({ sim, relay } = setup);
  });

  afterAll(() => setup?.close());

  it('fills a market buy at the book with the taker fee in BTC, and answers its retry with the same order', async () => {
    const before = await standInBook();
    const placed = await api('POST', '/orders', { idempotencyKey: 'mkt-1', symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '0.01', reason: 'route test' });
    const after = await standInBook();
    expect(placed.status).toBe(201);
    const { order } = PlaceOrderResponseSchema.parse(placed.body);
    expect(order).toMatchObject({ status: 'filled', venue: 'paper', qty: '0.010000', cumQty: '0.01', timeInForce: 'IOC' });

    const detail = OrderDetailResponseSchema.parse((await api('GET', `/orders/${order.id}`)).body);
    expect(detail.fills).toHaveLength(1);
    const [fill] = detail.fills;
    expect([before.ask1Price, after.ask1Price].map(Number)).toContain(Number(fill!.price));
    expect(fill).toMatchObject({ qty: '0.01', fee: '0.00001', feeAsset: 'BTC', liquidity: 'taker' });
    expect(detail.events.map((e) => e.status)).toEqual(['submitting', 'filled']);
    expect(await balances()).toEqual([
      { asset: 'BTC', free: '0.00999', locked: '0', total: '0.00999' },
      { asset: 'USDT', free: fixedText(fixed('10000') - mul(fixed(fill!.price), fixed('0.01'))), locked: '0', total: fixedText(fixed('10000') - mul(fixed(fill!.price), fixed('0.01'))) },
    ]);

    const retry = await api('POST', '/orders', { idempotencyKey: 'mkt-1', symbol: 'BTCUSDT', side: 'buy', type: 'market', qty: '0.01', reason: 'route test' });
    expect(retry).toEqual({ status: 200, body: { order: detail.order, created: false } });
    expect(OrderDetailResponseSchema.parse((await api('GET', `/orders/${order.id}`)).body).fills).toHaveLength(1);

    const { positions } = PositionsResponseSchema.parse((await api('GET', '/positions')).body);
    expect(positions).toMatchObject([{ symbol: 'BTCUSDT', qty: '0.00999', realizedPnl: '0', lastPrice: expect.any(String), unrealizedPnl: expect.any(String) }]);
  });

  it('rests limits either side of the market and fills the one the walk trades through as maker at its own price', async () => {
    const book = await standInBook();
    // Twenty ticks (the stand-in's BTCUSDT tick is 0.01) either side of the book: the walk cannot
    // cross them while the orders travel, and within simulated minutes it trades through one of
    // them, whichever way it happens to drift from now.
    const prices = { buy: fixedText(fixed(book.bid1Price) - fixed('0.2')), sell: fixedText(fixed(book.ask1Price) + fixed('0.2')) };
    const place = async (side: 'buy' | 'sell') => {
      const placed = await api('POST', '/orders', { idempotencyKey: `lmt-${side}`, symbol: 'BTCUSDT', side, type: 'limit', qty: '0.001', price: prices[side], reason: 'route test' });
      const { order } = PlaceOrderResponseSchema.parse(placed.body);
      expect(order).toMatchObject({ status: 'new', cumQty: '0' });
      expect(fixed(order.price!)).toBe(fixed(prices[side]));
      return order;
    };
    const buy = await place('buy');
    const sell = await place('sell'); // the 0.00999 BTC bought above covers it
    const locked = (asset: string) => balances().then((all) => all.find((b) => b.asset === asset)!.locked);
    expect(await locked('USDT')).toBe(fixedText(mul(fixed(prices.buy), fixed('0.001'))));
    expect(await locked('BTC')).toBe('0.001');

    const detail = async (id: string) => OrderDetailResponseSchema.parse((await api('GET', `/orders/${id}`)).body);
    let [b, s] = [await detail(buy.id), await detail(sell.id)];
    for (let step = 0; step < 120 && b.order.status !== 'filled' && s.order.status !== 'filled'; step++) {
      sim.advanceTime(5_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      [b, s] = [await detail(buy.id), await detail(sell.id)];
    }
    const [filled, resting] = b.order.status === 'filled' ? [b, s] : [s, b];
    const side = filled.order.side;
    expect(filled.order).toMatchObject({ status: 'filled', cumQty: '0.001', avgPrice: prices[side] });
    // Bybit spot charges a buy's fee in the base coin and a sell's in the quote coin.
    const fee = side === 'buy' ? { fee: '0.000001', feeAsset: 'BTC' } : { fee: fixedText(mul(mul(fixed(prices.sell), fixed('0.001')), fixed('0.001'))), feeAsset: 'USDT' };
    expect(filled.fills).toMatchObject([{ price: prices[side], qty: '0.001', ...fee, liquidity: 'maker' }]);
    expect(filled.events.map((e) => e.status)).toEqual(['submitting', 'new', 'filled']);

    // One candle's range can take both (its low and its high each traded after they rested).
    if (resting.order.status !== 'filled') expect((await api('POST', `/orders/${resting.order.id}/cancel`)).status).toBe(200);
    expect([await locked('USDT'), await locked('BTC')]).toEqual(['0', '0']);
  }, 30_000);

  it('cancels one open order, then the kill switch cancels every other one', async () => {
    const book = await standInBook();
    const far = fixedText(fixed(book.bid1Price) / 2n / fixed('0.01') * fixed('0.01'));
    const place = async (key: string) =>
      PlaceOrderResponseSchema.parse((await api('POST', '/orders', { idempotencyKey: key, symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.001', price: far, reason: 'route test' })).body).order;
    const [a, b, c] = [await place('far-a'), await place('far-b'), await place('far-c')];

    const cancelled = await api('POST', `/orders/${a.id}/cancel`);
    expect(cancelled).toMatchObject({ status: 200, body: { order: { id: a.id, status: 'cancelled' } } });
    const again = await api('POST', `/orders/${a.id}/cancel`);
    expect(again.status).toBe(409);

    const open = OrderListResponseSchema.parse((await api('GET', '/orders?symbol=BTCUSDT&status=open')).body).orders;
    expect(open.map((o) => o.id).sort()).toEqual([b.id, c.id].sort());
    const kill = CancelAllResponseSchema.parse((await api('POST', '/orders/cancel-all')).body);
    expect(kill.cancelled.map((o) => o.id).sort()).toEqual([b.id, c.id].sort());
    expect(kill.failed).toEqual([]);
    expect(OrderListResponseSchema.parse((await api('GET', '/orders?status=open')).body).orders).toEqual([]);
    expect(OrderListResponseSchema.parse((await api('GET', '/orders?status=closed')).body).orders.map((o) => o.id)).toEqual(expect.arrayContaining([a.id, b.id, c.id]));
    expect((await balances()).find((x) => x.asset === 'USDT')!.locked).toBe('0');
  });

  it('refuses bad input with a 4xx and its words, sends nothing and records the refusal', async () => {
    const book = await standInBook();
    const price = fixedText(fixed(book.bid1Price) / 2n / fixed('0.01') * fixed('0.01'));
    const base = { symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.001', price, reason: 'bad input' };
    const cases: Array<[string, unknown, number, string]> = [
      ['wrong type', { ...base, idempotencyKey: 'bad-1', qty: 0.001 }, 400, 'qty must be a decimal string'],
      ['negative qty', { ...base, idempotencyKey: 'bad-2', qty: '-1' }, 400, 'qty must be a decimal string'],
      ['dust qty (finer than the lot)', { ...base, idempotencyKey: 'bad-3', qty: '0.0000001' }, 400, 'finer than basePrecision 0.000001'],
      ['qty below minOrderQty', { ...base, idempotencyKey: 'bad-4', qty: '0.000001' }, 400, 'below minOrderQty'],
      ['unknown symbol', { ...base, idempotencyKey: 'bad-5', symbol: 'NOPEUSDT' }, 400, 'unknown spot symbol "NOPEUSDT"'],
      ['below min notional', { ...base, idempotencyKey: 'bad-6', qty: '0.000011', price: '100' }, 400, 'below minOrderAmt 5'],
      ['price off tick', { ...base, idempotencyKey: 'bad-7', price: fixedText(fixed(price) + fixed('0.005')) }, 400, 'not a multiple of tickSize 0.01'],
      ['bad idempotency key', { ...base, idempotencyKey: 'has space' }, 400, 'orderLinkId'],
      ['market order with a price', { ...base, idempotencyKey: 'bad-8', type: 'market' }, 400, 'a market order takes no price'],
      ['above max notional', { ...base, idempotencyKey: 'bad-9', qty: '1', price: '30000' }, 400, 'MAX_ORDER_NOTIONAL'],
      ['short of balance', { ...base, idempotencyKey: 'bad-10', qty: '0.5', price: '30000' }, 422, 'insufficient USDT balance'],
      ['duplicate key, other body', { ...base, idempotencyKey: 'mkt-1' }, 409, 'differs in price'],
    ];
    const ordersBefore = (await orders()).length;
    const balancesBefore = await balances();
    for (const [what, body, status, words] of cases) {
      const res = await api('POST', '/orders', body);
      const error = ApiErrorSchema.parse(res.body, { error: () => `${what}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}` }).error;
      expect({ what, status: res.status, words: error.message.includes(words) ? words : error.message }).toEqual({ what, status, words });
    }
    const unknownId = '00000000-0000-4000-8000-000000000000';
    expect((await api('POST', `/orders/${unknownId}/cancel`)).status).toBe(404);
    expect(ApiErrorSchema.parse((await api('GET', `/orders/${unknownId}`)).body).error.code).toBe('unknown_order');

    // Only the balance refusal reached the venue, which refused it: one rejected order, no fill, no balance change.
    const after = await orders();
    expect(after.length - ordersBefore).toBe(1);
    expect(after[0]).toMatchObject({ idempotencyKey: 'bad-10', status: 'rejected', cumQty: '0' });
    expect(await balances()).toEqual(balancesBefore);

    const audit = AuditPageSchema.parse((await fetch(`${relay.url}/api/v1/audit?kind=order.intent&limit=50`, { headers: OPERATOR_AUTH }).then((r) => r.json())));
    const refused = audit.entries.filter((e) => e.payload.outcome === 'refused').map((e) => e.payload.code);
    expect(refused).toEqual(expect.arrayContaining(['invalid_order', 'qty_off_lot', 'below_min_qty', 'unknown_symbol', 'below_min_notional', 'price_off_tick', 'max_notional_exceeded', 'idempotency_conflict']));
    const answers = AuditPageSchema.parse((await fetch(`${relay.url}/api/v1/audit?kind=order.exchange_answer&limit=50`, { headers: OPERATOR_AUTH }).then((r) => r.json())));
    expect(answers.entries.map((e) => e.payload.code)).toContain('insufficient_balance');
    const cancels = AuditPageSchema.parse((await fetch(`${relay.url}/api/v1/audit?kind=order.cancel&limit=50`, { headers: OPERATOR_AUTH }).then((r) => r.json())));
    expect(cancels.entries.map((e) => e.payload.code)).toContain('unknown_order');
  });
});
