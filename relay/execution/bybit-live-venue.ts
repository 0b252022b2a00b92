import type { AccountOrderV5, RestClientV5 } from 'bybit-api';
import type { Balance } from '../../shared/execution/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import { VenueRejection, type Venue, type VenueFill, type VenueOrderRequest, type VenueOrderState, type VenueSnapshot, type VenueUpdate } from './venue.ts';

export interface BybitLiveVenueOptions {
  /** Signed with the relay's BYBIT_API_KEY / BYBIT_API_SECRET, against the configured environment. */
  client: RestClientV5;
  /** How often open orders are polled for fills (the private WS is not wired yet). */
  pollMs?: number;
}

/** Bybit v5 order statuses (docs/v5/enum#orderstatus) in the relay's lifecycle. */
const STATUS: Record<string, VenueOrderState['status']> = {
  New: 'new',
  Untriggered: 'new',
  Active: 'new',
  Triggered: 'new',
  PartiallyFilled: 'partially_filled',
  Filled: 'filled',
  Cancelled: 'cancelled',
  PartiallyFilledCanceled: 'cancelled',
  Deactivated: 'cancelled',
  Rejected: 'rejected',
};

/** Bybit pads amounts ("0.001000") and sends "" for none; the records keep one spelling. */
const amount = (text: string | undefined): string => (text === undefined || text === '' ? '0' : fixedText(fixed(text)));

/** A retCode other than 0 on a read says nothing about the order: its outcome stays unknown. */
function readOrThrow<T>(response: { retCode: number; retMsg: string; result: T }, what: string): T {
  if (response.retCode !== 0) throw new Error(`${what}: Bybit ${response.retCode} ${response.retMsg}`);
  return response.result;
}

/**
 * The live venue: signed Bybit v5 spot REST through bybit-api to the configured environment
 * (mainnet, testnet, demo or the stand-in). Prices and quantities leave as the strings the rule
 * checks made on the instrument's grid; the orderLinkId is the idempotency key, so a query by it
 * settles an order whose answer was lost. Fills of resting orders are found by polling.
 */
export class BybitLiveVenue implements Venue {
  readonly name = 'live' as const;
  private readonly listeners = new Set<(update: VenueUpdate) => void>();
  /** Open orders being polled, with the last state reported for each. */
  private readonly watched = new Map<string, { symbol: string; seen: string }>();
  private readonly timer: NodeJS.Timeout;
  private polling = false;

  constructor(private readonly options: BybitLiveVenueOptions) {
    this.timer = setInterval(() => void this.poll(), options.pollMs ?? 2_000);
    this.timer.unref();
  }

  async submit(order: VenueOrderRequest): Promise<VenueUpdate> {
    const { client } = this.options;
    const response = await client.submitOrder({
      category: 'spot',
      symbol: order.symbol,
      side: order.side === 'buy' ? 'Buy' : 'Sell',
      orderType: order.type === 'limit' ? 'Limit' : 'Market',
      qty: order.quoteAmount ?? order.qty ?? '0',
      ...(order.price === null ? {} : { price: order.price }),
      ...(order.type === 'limit' ? { timeInForce: order.timeInForce } : { marketUnit: order.quoteAmount === null ? 'baseCoin' : 'quoteCoin' }),
      orderLinkId: order.orderLinkId,
    });
    if (response.retCode !== 0) throw new VenueRejection(`bybit_${response.retCode}`, `Bybit ${response.retCode}: ${response.retMsg}`);
    const placed = await this.query(order.orderLinkId, order.symbol);
    if (placed === null) throw new Error(`Bybit accepted ${order.orderLinkId} but does not list it yet`);
    return placed;
  }

  async cancel(orderLinkId: string, symbol: string): Promise<VenueUpdate> {
    const response = await this.options.client.cancelOrder({ category: 'spot', symbol, orderLinkId });
    if (response.retCode !== 0) throw new VenueRejection(`bybit_${response.retCode}`, `Bybit ${response.retCode}: ${response.retMsg}`);
    const after = await this.query(orderLinkId, symbol);
    if (after === null) throw new Error(`Bybit cancelled ${orderLinkId} but does not list it`);
    return after;
  }

  async query(orderLinkId: string, symbol: string): Promise<VenueUpdate | null> {
    const { client } = this.options;
    let [found] = readOrThrow(await client.getActiveOrders({ category: 'spot', symbol, orderLinkId }), 'order/realtime').list;
    found ??= readOrThrow(await client.getHistoricOrders({ category: 'spot', symbol, orderLinkId }), 'order/history').list[0];
    if (found === undefined) return null;
    const executions = readOrThrow(await client.getExecutionList({ category: 'spot', symbol, orderLinkId }), 'execution/list').list;
    const fills = executions.map(
      (e): VenueFill => ({
        execId: e.execId,
        orderLinkId,
        symbol,
        side: e.side === 'Buy' ? 'buy' : 'sell',
        price: amount(e.execPrice),
        qty: amount(e.execQty),
        fee: amount(e.execFee),
        feeAsset: e.feeCurrency,
        liquidity: e.isMaker ? 'maker' : 'taker',
        time: Number(e.execTime),
      }),
    );
    const state = this.state(found);
    if (state.status === 'new' || state.status === 'partially_filled') this.watched.set(orderLinkId, { symbol, seen: this.seenKey(state) });
    else this.watched.delete(orderLinkId);
    return { order: state, fills };
  }

  async snapshot(): Promise<VenueSnapshot> {
    const { client } = this.options;
    const open = readOrThrow(await client.getActiveOrders({ category: 'spot' }), 'order/realtime').list.map((o) => this.state(o));
    const wallets = readOrThrow(await client.getWalletBalance({ accountType: 'UNIFIED' }), 'account/wallet-balance').list;
    const balances = wallets.flatMap((w) =>
      w.coin.map((c): Balance => ({ asset: c.coin, free: fixedText(fixed(amount(c.walletBalance)) - fixed(amount(c.locked))), locked: amount(c.locked), total: amount(c.walletBalance) })),
    );
    return { openOrders: open, balances };
  }

  onUpdate(listener: (update: VenueUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    clearInterval(this.timer);
    this.listeners.clear();
  }

  /** Asks Bybit for each open order; a changed one is reported. One sweep at a time. */
  private async poll(): Promise<void> {
    if (this.polling || this.watched.size === 0) return;
    this.polling = true;
    try {
      for (const [orderLinkId, { symbol, seen }] of [...this.watched]) {
        const update = await this.query(orderLinkId, symbol).catch(() => null);
        if (update !== null && this.seenKey(update.order) !== seen) for (const listener of this.listeners) listener(update);
      }
    } finally {
      this.polling = false;
    }
  }

  private seenKey(state: VenueOrderState): string {
    return `${state.status}|${state.cumQty}`;
  }

  private state(order: AccountOrderV5): VenueOrderState {
    const status = STATUS[order.orderStatus] ?? 'new';
    return {
      orderLinkId: order.orderLinkId,
      venueOrderId: order.orderId,
      symbol: order.symbol,
      status,
      cumQty: amount(order.cumExecQty),
      cumQuote: amount(order.cumExecValue),
      statusReason: order.rejectReason && order.rejectReason !== 'EC_NoError' ? order.rejectReason : null,
    };
  }
}
