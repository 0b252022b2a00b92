import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditPageSchema } from '../../shared/audit/schemas.ts';
import { BalancesResponseSchema, OrderDetailResponseSchema, PlaceOrderResponseSchema, ReconciliationStateSchema, type ReconciliationRun } from '../../shared/execution/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import type { BybitStandIn } from '../bybit-standin/index.ts';
import { startRelayOverStandIn, type RelayOverStandIn } from '../relay-over-standin.ts';

const SYMBOL = 'BTCUSDT';
const DEPOSIT = '250';

/**
 * TRADING_MODE=live over the stand-in: while the relay is down, one of its resting orders is
 * cancelled on the exchange, another fills there, USDT is deposited, and someone else places an
 * order and sells on the account. The first reconciliation run after the restart flags each,
 * repairs the relay's records from the exchange (foreign orders and fills are only flagged),
 * audits and counts it; the next run, on a reconnect, finds nothing.
 */
describe('live reconciliation against the Bybit stand-in, across a restart that missed what happened on the exchange', () => {
  let setup: RelayOverStandIn;
  let sim: BybitStandIn;
  const credentials = { apiKey: 'live-recon-test-key', apiSecret: 'live-recon-test-secret-0123456789' };
  const api: RelayOverStandIn['api'] = (method, path, body) => setup.api(method, path, body);
  const reconciliation = async () => ReconciliationStateSchema.parse((await api('GET', '/reconciliation')).body);
  /** Resolves with the run after the `runs`th, waiting for it as long as the test allows. */
  const runAfter = async (runs: number): Promise<ReconciliationRun> => {
    for (;;) {
      const state = await reconciliation();
      if (state.runs > runs && state.lastRun !== null) return state.lastRun;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const bestAsk = () => sim.exchange.book(SYMBOL, 1)!.asks[0]!.price;
  const restingBuy = async (idempotencyKey: string) => {
    const price = fixedText((bestAsk() / 2n / fixed('0.01')) * fixed('0.01'));
    // Live orders wait for an operator's arming, which a restart clears: arm before each one.
    expect((await api('PUT', '/trading/live', { armed: true })).status).toBe(200);
    const placed = await api('POST', '/orders', { idempotencyKey, symbol: SYMBOL, side: 'buy', type: 'limit', qty: '0.01', price, reason: 'reconciliation test' });
    expect(placed.status).toBe(201);
    return PlaceOrderResponseSchema.parse(placed.body).order;
  };

  beforeAll(async () => {
    setup = await startRelayOverStandIn({ realSymbols: [SYMBOL], ...credentials }, (standIn) => ({
      BYBIT_REST_URL: standIn.restUrl,
      BYBIT_WS_PRIVATE_URL: standIn.wsPrivateUrl,
      TRADING_MODE: 'live',
      LIVE_TRADING_CONFIRM: 'yes',
      BYBIT_API_KEY: credentials.apiKey,
      BYBIT_API_SECRET: credentials.apiSecret,
    }));
    ({ sim } = setup);
  });

  afterAll(() => setup?.close());

  it('flags, repairs, audits and counts each drift in one run; the next run finds nothing', async () => {
    expect((await runAfter(0)).drift).toEqual([]);
    const cancelled = await restingBuy('drift-cancelled');
    const filled = await restingBuy('drift-filled');

    await setup.restartRelay(() => {
      sim.exchange.cancel({ symbol: SYMBOL, orderLinkId: 'drift-cancelled' });
      // Amended through the book, it fills as a taker at once.
      sim.exchange.amend({ symbol: SYMBOL, orderLinkId: 'drift-filled' }, { price: fixedText(bestAsk() + fixed('50')) });
      sim.exchange.deposit('USDT', DEPOSIT);
      // Someone else trades on the account: an order resting far below the book, and a market sell.
      const farBelow = fixedText((bestAsk() / 3n / fixed('0.1')) * fixed('0.1'));
      sim.exchange.create({ symbol: SYMBOL, orderLinkId: 'by-hand', order: { category: 'spot', symbol: SYMBOL, side: 'Buy', orderType: 'Limit', qty: '0.001', price: farBelow } });
      sim.exchange.create({ symbol: SYMBOL, orderLinkId: undefined, order: { category: 'spot', symbol: SYMBOL, side: 'Sell', orderType: 'Market', qty: '0.002' } });
    });
    const fillIds = sim.exchange.executions().filter((e) => e.order.orderLinkId === 'drift-filled').map((e) => e.fill.execId);
    expect(fillIds.length).toBeGreaterThan(0);
    const foreignFills = sim.exchange.executions().filter((e) => e.order.orderLinkId === '');
    expect(foreignFills.length).toBeGreaterThan(0);
    const foreignSell = { btc: foreignFills.reduce((sum, e) => sum + e.fill.qty, 0n), usdt: foreignFills.reduce((sum, e) => sum + e.fill.value - e.fill.fee, 0n) };
    const onExchange = (coin: string) => fixedText(sim.exchange.wallet.balance(coin));

    const run = await runAfter(0);
    expect(run).toMatchObject({ trigger: 'start', error: null });
    const byKind = (kind: string) => run.drift.filter((d) => d.kind === kind);
    expect(byKind('order_status')).toEqual([
      { kind: 'order_status', subject: 'drift-filled', local: 'new, filled 0', venue: 'not open', repaired: true },
      { kind: 'order_status', subject: 'drift-cancelled', local: 'new, filled 0', venue: 'not open', repaired: true },
    ]);
    expect(byKind('missed_fill').map((d) => d.subject).sort()).toEqual([...fillIds].sort());
    for (const d of byKind('missed_fill')) expect(d).toMatchObject({ local: 'not stored', venue: expect.stringMatching(/^buy [\d.]+ BTCUSDT at [\d.]+ \(order drift-filled\)$/), repaired: true });
    // Foreign orders and fills are flagged, never adopted.
    expect(byKind('foreign_order')).toEqual([{ kind: 'foreign_order', subject: 'by-hand', local: 'never placed by the relay', venue: 'new, filled 0', repaired: false }]);
    expect(byKind('foreign_fill').map((d) => d.subject).sort()).toEqual(foreignFills.map((e) => e.fill.execId).sort());
    for (const d of byKind('foreign_fill')) expect(d).toMatchObject({ local: 'never placed by the relay', venue: expect.stringMatching(/^sell [\d.]+ BTCUSDT at [\d.]+ \(order without orderLinkId\)$/), repaired: false });
    // The deposit and the foreign sell are what the balances the relay expected miss.
    expect(byKind('balance')).toEqual([
      { kind: 'balance', subject: 'BTC', local: `${fixedText(fixed(onExchange('BTC')) + foreignSell.btc)} expected`, venue: onExchange('BTC'), repaired: true },
      { kind: 'balance', subject: 'USDT', local: `${fixedText(fixed(onExchange('USDT')) - fixed(DEPOSIT) - foreignSell.usdt)} expected`, venue: onExchange('USDT'), repaired: true },
    ]);
    expect(run.drift).toHaveLength(2 + fillIds.length + 1 + foreignFills.length + 2);

    // Repaired from the exchange's truth: the orders' states and fills, the balances.
    const detail = async (id: string) => OrderDetailResponseSchema.parse((await api('GET', `/orders/${id}`)).body);
    expect((await detail(cancelled.id)).order).toMatchObject({ status: 'cancelled', cumQty: '0' });
    const filledDetail = await detail(filled.id);
    expect(filledDetail.order).toMatchObject({ status: 'filled', cumQty: '0.01' });
    expect(filledDetail.fills.map((f) => f.execId).sort()).toEqual([...fillIds].sort());
    const { balances } = BalancesResponseSchema.parse((await api('GET', '/balances')).body);
    expect(balances.find((b) => b.asset === 'USDT')?.total).toBe(onExchange('USDT'));

    const audited = AuditPageSchema.parse((await api('GET', '/audit?kind=reconciliation.drift')).body).entries;
    expect(audited.map((e) => (e.payload as { drift: unknown[] }).drift)).toEqual([run.drift]);
    const metrics = await setup.relay.observability.metrics.registry.metrics();
    for (const [kind, count] of [['order_status', 2], ['missed_fill', fillIds.length], ['foreign_order', 1], ['foreign_fill', foreignFills.length], ['balance', 2]] as const) {
      expect(metrics).toContain(`relay_reconciliation_drift_total{venue="live",kind="${kind}"} ${count}`);
    }

    // Cutting the market and private streams starts the next run on their reconnect; the foreign order still rests, flagged once.
    expect(sim.exchange.find({ symbol: SYMBOL, orderLinkId: 'by-hand' })?.order.status).toBe('New');
    sim.dropConnections();
    const next = await runAfter(1);
    expect(next).toMatchObject({ trigger: 'reconnect', drift: [], error: null });
    expect(AuditPageSchema.parse((await api('GET', '/audit?kind=reconciliation.drift')).body).entries).toHaveLength(1);
  }, 30_000);

  it('settles a fill whose private push the exchange dropped, and reconciles when the private stream is back', async () => {
    const order = await restingBuy('drift-dropped-push');
    const { runs } = await reconciliation();
    sim.faults.setPrivatePushesDropped(true);
    sim.exchange.amend({ symbol: SYMBOL, orderLinkId: 'drift-dropped-push' }, { price: fixedText(bestAsk() + fixed('50')) });
    sim.faults.dropPrivateConnections();
    sim.faults.setPrivatePushesDropped(false);
    // Whichever comes first, the fallback poll or the run the reconnect starts, settles the order.
    const run = await runAfter(runs);
    expect(run).toMatchObject({ trigger: 'reconnect', error: null });
    for (const drift of run.drift) expect(drift).toMatchObject({ kind: expect.stringMatching(/^(order_status|missed_fill)$/), repaired: true });
    const { order: settled, fills } = OrderDetailResponseSchema.parse((await api('GET', `/orders/${order.id}`)).body);
    expect(settled).toMatchObject({ status: 'filled', cumQty: '0.01' });
    expect(fills.map((f) => f.execId).sort()).toEqual(sim.exchange.executions().filter((e) => e.order.orderLinkId === 'drift-dropped-push').map((e) => e.fill.execId).sort());
  }, 30_000);

  it('after a restart, follows the orders still open: a fill pushed then reaches the records at once', async () => {
    const order = await restingBuy('open-across-restart');
    await setup.restartRelay();
    await runAfter(0);
    sim.exchange.amend({ symbol: SYMBOL, orderLinkId: 'open-across-restart' }, { price: fixedText(bestAsk() + fixed('50')) });
    // The next scheduled run is 30 s away, beyond the test's timeout: the push (or the poll) settles it.
    for (;;) {
      const { order: now } = OrderDetailResponseSchema.parse((await api('GET', `/orders/${order.id}`)).body);
      if (now.status === 'filled') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // The fill's wallet push reaches the balances too, answered from the stream's copy.
    for (;;) {
      const { balances, source } = BalancesResponseSchema.parse((await api('GET', '/balances')).body);
      if (source === 'stream' && balances.find((b) => b.asset === 'BTC')?.total === fixedText(sim.exchange.wallet.balance('BTC'))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await reconciliation()).runs).toBe(1);
  }, 20_000);
});
