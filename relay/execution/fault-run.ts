import { RestClientV5 } from 'bybit-api';
import { OrderListResponseSchema, PlaceOrderResponseSchema } from '../../shared/execution/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import type { RestFaultKind } from '../bybit-standin/faults/rest-fault-plan.ts';
import { SPOT_RATE_LIMITS } from '../bybit-standin/private-rest/private-routes.ts';
import { startRelayOverStandIn } from '../relay-over-standin.ts';
import { auditIntents, type IntentAudit } from './intents-vs-exchange.ts';

export interface FaultRunOptions {
  placements: number;
  /** Placements in flight at once. */
  concurrency: number;
  /** Share of the stand-in's private REST requests that fail, in [0, 1]. */
  faultShare: number;
  seed?: number;
}

export interface FaultRunResult extends IntentAudit {
  placements: number;
  durationMs: number;
  /** HTTP status of each first POST /orders, counted. */
  statuses: Record<number, number>;
  /** Refused by the exchange itself (422): not a failure of the relay. */
  rejections: number;
  /** Intents placed with a known outcome after start-up settlement. */
  placed: number;
  /** `placed` over placements less rejections, in %. */
  successPct: number;
  /** Orders on the exchange, and the distinct orderLinkIds among them. */
  exchangeOrders: number;
  acceptedKeys: number;
  /** Orders on the exchange over intents the exchange accepted: 1 when nothing was duplicated. */
  ordersPerIntent: number;
  /** POSTs sent again with the same key because the relay's own connection failed, as a client would. */
  clientRetries: number;
  /** Signed requests that reached the stand-in, and the order/create among them (resends included). */
  privateRequests: number;
  creates: number;
  /** Keys posted twice at once whose two answers named different orders, or both created one. */
  retryMismatches: number;
}

const FAULT_KINDS: RestFaultKind[] = ['lose-response', 'server-error', 'rate-limit', 'delay'];
/** Every tenth key is posted twice at once, as a client retrying a request that seemed lost. */
const RETRY_EVERY = 10;
const CREDENTIALS = { apiKey: 'fault-run-key', apiSecret: 'fault-run-secret-0123456789abcdef' };

/**
 * The fault run of issue 12: the relay in live mode over the stand-in, `placements` resting limit
 * buys through POST /api/v1/orders while a seeded share of every private request fails (lost
 * answer after the order was accepted, 5xx, 10006, slow answers). The relay is then restarted, so
 * what it left unknown is settled at start, and its intents are held against the exchange's orders.
 * Bybit's per-second limits are raised so that 10006 comes only from the injected faults: the run
 * measures fault handling, not pacing under 20 creates/s.
 */
export async function runFaultPlacements(options: FaultRunOptions): Promise<FaultRunResult> {
  const rateLimits = Object.fromEntries(Object.keys(SPOT_RATE_LIMITS).map((path) => [path, 1_000_000]));
  const arrived = { privateRequests: 0, creates: 0 };
  const onRestRequest = ({ path }: { path: string }) => {
    if (path.startsWith('/v5/market')) return;
    arrived.privateRequests += 1;
    if (path === '/v5/order/create') arrived.creates += 1;
  };
  const setup = await startRelayOverStandIn({ realSymbols: ['BTCUSDT'], ...CREDENTIALS, rateLimits, balances: { USDT: '1000000000', BTC: '1' }, onRestRequest }, (standIn) => ({
    BYBIT_REST_URL: standIn.restUrl,
    TRADING_MODE: 'live',
    LIVE_TRADING_CONFIRM: 'yes',
    BYBIT_API_KEY: CREDENTIALS.apiKey,
    BYBIT_API_SECRET: CREDENTIALS.apiSecret,
  }));
  try {
    const { sim } = setup;
    // Live orders wait for an operator to arm live trading (PUT /trading/live).
    if ((await setup.api('PUT', '/trading/live', { armed: true })).status !== 200) throw new Error('could not arm live trading');
    const { result } = await new RestClientV5({ baseUrl: sim.restUrl }).getTickers({ category: 'spot', symbol: 'BTCUSDT' });
    const bid = result.list[0]!.bid1Price;
    // Half the bid, on the 0.01 tick: the orders rest, nothing fills while the walk moves.
    const price = fixedText((fixed(bid) / 2n / fixed('0.01')) * fixed('0.01'));
    const body = (i: number) => ({ idempotencyKey: `fault-${i}`, symbol: 'BTCUSDT', side: 'buy', type: 'limit', qty: '0.001', price, reason: 'fault run' });
    const statuses: Record<number, number> = {};
    let retryMismatches = 0;
    let clientRetries = 0;
    const post = async (sent: unknown) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await setup.api('POST', '/orders', sent);
        } catch (error) {
          // A keep-alive connection closed under the request: the key makes sending it again safe.
          if (attempt === 3) throw error;
          clientRetries += 1;
        }
      }
    };
    sim.faults.setRandomRest({ probability: options.faultShare, kinds: FAULT_KINDS, seed: options.seed ?? 12, delayMs: 100 });
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < options.placements; i = next++) {
        const sent = body(i);
        const [first, again] = await Promise.all([post(sent), i % RETRY_EVERY === 0 ? post(sent) : null]);
        statuses[first.status] = (statuses[first.status] ?? 0) + 1;
        // Either POST may be the one that created the intent; the other must answer the same order.
        if (again !== null && !sameOrder(first, again)) retryMismatches += 1;
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const durationMs = performance.now() - started;
    const { privateRequests, creates } = arrived;
    sim.faults.clear();
    await setup.restartRelay();

    const { orders: intents } = OrderListResponseSchema.parse((await setup.api('GET', '/orders')).body);
    const onExchange = sim.exchange.allOrders().map((r) => ({ orderLinkId: r.order.orderLinkId, orderId: r.order.orderId, status: r.order.status }));
    const audit = auditIntents(intents, onExchange);
    const rejections = statuses[422] ?? 0;
    const placed = intents.filter((o) => o.status !== 'rejected' && o.status !== 'unknown' && o.status !== 'submitting').length;
    const accepted = new Set(onExchange.map((o) => o.orderLinkId)).size;
    return {
      ...audit,
      placements: options.placements,
      durationMs,
      statuses,
      rejections,
      placed,
      successPct: (100 * placed) / (options.placements - rejections),
      exchangeOrders: onExchange.length,
      acceptedKeys: accepted,
      ordersPerIntent: onExchange.length / accepted,
      clientRetries,
      retryMismatches,
      privateRequests,
      creates,
    };
  } finally {
    await setup.close();
  }
}

/** Two answers to one key name the same order, and at most one of them created it (a refusal names none). */
function sameOrder(a: { body: unknown }, b: { body: unknown }): boolean {
  const [pa, pb] = [PlaceOrderResponseSchema.safeParse(a.body), PlaceOrderResponseSchema.safeParse(b.body)];
  if (!pa.success || !pb.success) return true;
  return pa.data.order.id === pb.data.order.id && !(pa.data.created && pb.data.created);
}
