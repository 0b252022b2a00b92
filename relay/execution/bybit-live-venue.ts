import type { AccountOrderV5, ExecutionV5, RestClientV5 } from 'bybit-api';
import type { Balance, BalancesSource, OrderRecord } from '../../shared/execution/index.ts';
import { fixed, fixedText } from '../../shared/matching/fixed-decimal.ts';
import type { BackoffPolicy } from '../../shared/net/backoff.ts';
import type { CircuitStatus } from '../../shared/net/circuit-status.ts';
import { BybitCallFailure, createBybitPrivateCalls, type BybitPrivateCall } from '../exchange/bybit-private-calls.ts';
import { CircuitBreaker } from '../exchange/circuit-breaker.ts';
import type { BybitPrivateStream, WalletPush } from './bybit-private-stream.ts';
import { VenueRejection, type Venue, type VenueFill, type VenueOrderRequest, type VenueOrderState, type VenueSnapshot, type VenueUpdate } from './venue.ts';

export interface BybitLiveVenueOptions {
  /** Signed with the relay's BYBIT_API_KEY / BYBIT_API_SECRET, against the configured environment. */
  client: RestClientV5;
  /** How often open orders are polled for fills; STREAM_UP_POLL_FACTOR times less often while the private stream is up. */
  pollMs?: number;
  /**
   * Bybit's private order/execution/wallet pushes: a changed order is read at once, polling stays
   * the fallback; balances are answered from the pushed wallet while the stream is up.
   */
  privateStream?: BybitPrivateStream;
  /** Around every signed call (default: open after 8 failed attempts in a row, probe after 15 s). */
  breaker?: CircuitBreaker;
  /**
   * Extra attempts for network errors, 5xx and 10006 (default 3), after this backoff. For
   * order/create, extra sends: each follows an attempt whose outcome was unknown (no answer, 5xx)
   * and a query that found no order under its orderLinkId. Bybit would refuse a second order under
   * that id anyway (170141), so a resend never duplicates.
   */
  retries?: number;
  retryBackoff?: BackoffPolicy;
}

/**
 * Eight failed attempts in a row: a call and its retries are four, so one unlucky call never opens
 * it, while a Bybit that stopped answering is left alone within two calls. 15 s is long enough
 * for a rate limit window or a gateway restart to pass.
 */
const DEFAULT_BREAKER = { failureThreshold: 8, openMs: 15_000 };
/** Bybit's limits reset within a second; a longer wait holds an order request too long. */
const MAX_RATE_LIMIT_WAIT_MS = 2_000;
/** Bybit answers execution/list for at most 7 days back. */
const EXECUTION_WINDOW_MS = 7 * 24 * 3_600_000 - 60_000;
/** Pages of open orders or executions read per snapshot, at Bybit's maximum page sizes (50, 100). */
const MAX_PAGES = 20;
/** The private stream tells of changes at once; a poll now and then still catches a push it dropped. */
const STREAM_UP_POLL_FACTOR = 5;
/** The one account the relay trades and reads balances of (Bybit's unified trading account). */
const ACCOUNT_TYPE = 'UNIFIED';
/** The orderLinkId was used already: an earlier attempt of this create reached Bybit. */
const DUPLICATE_ORDER_LINK_ID = 170141;

/** A create that failed this way may have been carried out: its orderLinkId is asked for first. */
const isUncertain = (error: unknown): boolean => error instanceof BybitCallFailure && error.kind !== 'busy';

/** Bybit v5 order statuses (docs/v5/enum#orderstatus) in the relay's lifecycle. */
export const BYBIT_ORDER_STATUS: Readonly<Record<string, VenueOrderState['status']>> = {
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

/** One coin of the wallet, as REST's wallet-balance and the `wallet` push both list it. */
function toBalance(c: Pick<WalletPush['coin'][number], 'coin' | 'walletBalance' | 'locked'>): Balance {
  return { asset: c.coin, free: fixedText(fixed(amount(c.walletBalance)) - fixed(amount(c.locked))), locked: amount(c.locked), total: amount(c.walletBalance) };
}

function toFill(e: ExecutionV5): VenueFill {
  return {
    execId: e.execId,
    orderLinkId: e.orderLinkId,
    symbol: e.symbol,
    side: e.side === 'Buy' ? 'buy' : 'sell',
    price: amount(e.execPrice),
    qty: amount(e.execQty),
    fee: amount(e.execFee),
    feeAsset: e.feeCurrency,
    liquidity: e.isMaker ? 'maker' : 'taker',
    time: Number(e.execTime),
  };
}

/** A retCode other than 0 on a read says nothing about the order: its outcome stays unknown. */
function readOrThrow<T>(response: { retCode: number; retMsg: string; result: T }, what: string): T {
  if (response.retCode !== 0) throw new Error(`${what}: Bybit ${response.retCode} ${response.retMsg}`);
  return response.result;
}

/**
 * The live venue: signed Bybit v5 spot REST through bybit-api to the configured environment
 * (mainnet, testnet, demo or the stand-in). Prices and quantities leave as the strings the rule
 * checks made on the instrument's grid; the orderLinkId is the idempotency key, so a query by it
 * settles an order whose answer was lost, and a create is sent again only after that query found
 * nothing. Fills of resting orders are read as soon as the private stream pushes them, with
 * polling as the fallback (and the only way without the stream); balances likewise come from the
 * stream's wallet pushes while it is up, from REST otherwise. Every call goes through a circuit
 * breaker and retries what Bybit did not carry out (see relay/exchange/bybit-private-calls.ts).
 */
export class BybitLiveVenue implements Venue {
  readonly name = 'live' as const;
  private readonly listeners = new Set<(update: VenueUpdate) => void>();
  /** Open orders being polled, with the last state reported for each. */
  private readonly watched = new Map<string, { symbol: string; seen: string }>();
  private readonly timer: NodeJS.Timeout;
  private polling = false;
  private pollTicks = 0;
  /** Reads of changed orders, one at a time, whether a push or the poll asked: no update is reported twice. */
  private refreshing: Promise<void> = Promise.resolve();
  private readonly detachStream: () => void;
  /**
   * The wallet as the last push (or a REST read while the stream was up) left it, by coin; null
   * when pushes may have been missed since (never heard, or the stream reconnected).
   */
  private wallet: Map<string, Balance> | null = null;
  /** Moves on every push and reconnect: a REST read that overlapped one may be older than the copy. */
  private walletEpoch = 0;
  private readonly breaker: CircuitBreaker;
  private readonly call: BybitPrivateCall;
  private readonly createAttempts: number;

  constructor(private readonly options: BybitLiveVenueOptions) {
    this.timer = setInterval(() => void this.poll(), options.pollMs ?? 2_000);
    this.timer.unref();
    this.breaker = options.breaker ?? new CircuitBreaker({ ...DEFAULT_BREAKER, peer: 'Bybit' });
    const retries = options.retries ?? 3;
    this.createAttempts = retries + 1;
    this.call = createBybitPrivateCalls({
      breaker: this.breaker,
      retries,
      backoff: options.retryBackoff ?? { baseMs: 100, maxMs: 1_000, jitter: 0.5 },
      maxRateLimitWaitMs: MAX_RATE_LIMIT_WAIT_MS,
    });
    const stream = options.privateStream;
    const detach = stream
      ? [
          stream.onOrderActivity(({ orderLinkId, symbol }) => void this.refresh(orderLinkId, symbol)),
          stream.onWallet((push) => this.applyWalletPush(push)),
          stream.onReconnect(() => {
            this.walletEpoch++;
            this.wallet = null;
          }),
        ]
      : [];
    this.detachStream = () => detach.forEach((off) => off());
  }

  /** Reads retry network errors too: asking again changes nothing on the exchange. */
  private read<R extends { retCode: number; retMsg: string; result: unknown }>(what: string, request: () => Promise<R>): Promise<R['result']> {
    return this.call(what, request, { retryUncertain: true }).then((response) => readOrThrow(response, what));
  }

  async submit(order: VenueOrderRequest): Promise<VenueUpdate> {
    const { client } = this.options;
    const send = () => client.submitOrder({
      category: 'spot',
      symbol: order.symbol,
      side: order.side === 'buy' ? 'Buy' : 'Sell',
      orderType: order.type === 'limit' ? 'Limit' : 'Market',
      qty: order.quoteAmount ?? order.qty ?? '0',
      ...(order.price === null ? {} : { price: order.price }),
      ...(order.type === 'limit' ? { timeInForce: order.timeInForce } : { marketUnit: order.quoteAmount === null ? 'baseCoin' : 'quoteCoin' }),
      orderLinkId: order.orderLinkId,
    });
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await this.call('order/create', send, { retryUncertain: false });
      } catch (error) {
        // Only an attempt that may have reached Bybit needs asking about; a busy or refused one did not.
        if (!isUncertain(error) || attempt === this.createAttempts) throw error;
        const found = await this.query(order.orderLinkId, order.symbol).catch((queryError: unknown) => {
          // Not a CircuitOpenError any more: the create before it may have been placed.
          throw new Error(`${(error as Error).message}; then asking for ${order.orderLinkId}: ${(queryError as Error).message}`);
        });
        if (found !== null) return found;
        continue;
      }
      if (response.retCode !== 0 && response.retCode !== DUPLICATE_ORDER_LINK_ID) throw new VenueRejection(`bybit_${response.retCode}`, `Bybit ${response.retCode}: ${response.retMsg}`);
      const placed = await this.query(order.orderLinkId, order.symbol);
      if (placed === null) throw new Error(`Bybit accepted ${order.orderLinkId} but does not list it yet`);
      return placed;
    }
  }

  async cancel(orderLinkId: string, symbol: string): Promise<VenueUpdate> {
    const response = await this.call('order/cancel', () => this.options.client.cancelOrder({ category: 'spot', symbol, orderLinkId }), { retryUncertain: true });
    if (response.retCode !== 0) throw new VenueRejection(`bybit_${response.retCode}`, `Bybit ${response.retCode}: ${response.retMsg}`);
    const after = await this.query(orderLinkId, symbol);
    if (after === null) throw new Error(`Bybit cancelled ${orderLinkId} but does not list it`);
    return after;
  }

  async query(orderLinkId: string, symbol: string): Promise<VenueUpdate | null> {
    const { client } = this.options;
    let [found] = (await this.read('order/realtime', () => client.getActiveOrders({ category: 'spot', symbol, orderLinkId }))).list;
    found ??= (await this.read('order/history', () => client.getHistoricOrders({ category: 'spot', symbol, orderLinkId }))).list[0];
    if (found === undefined) return null;
    const fills = (await this.read('execution/list', () => client.getExecutionList({ category: 'spot', symbol, orderLinkId }))).list.map(toFill);
    const state = this.state(found);
    if (state.status === 'new' || state.status === 'partially_filled') this.watched.set(orderLinkId, { symbol, seen: this.seenKey(state) });
    else this.watched.delete(orderLinkId);
    return { order: state, fills };
  }

  async snapshot(): Promise<VenueSnapshot> {
    const { client } = this.options;
    const open = (await this.pages('order/realtime', (cursor) => client.getActiveOrders({ category: 'spot', limit: 50, ...(cursor ? { cursor } : {}) }))).map((o) => this.state(o));
    return { openOrders: open, balances: await this.readWallet() };
  }

  /** From the pushed wallet while the private stream is up and has one, without a call; from REST otherwise. */
  async balances(): Promise<{ balances: Balance[]; source: BalancesSource }> {
    if (this.options.privateStream?.isUp() === true && this.wallet !== null) return { balances: [...this.wallet.values()], source: 'stream' };
    return { balances: await this.readWallet(), source: 'rest' };
  }

  async fillsSince(since: number): Promise<VenueFill[]> {
    const startTime = Math.max(since, Date.now() - EXECUTION_WINDOW_MS);
    const { client } = this.options;
    const executions = await this.pages('execution/list', (cursor) => client.getExecutionList({ category: 'spot', startTime, limit: 100, ...(cursor ? { cursor } : {}) }));
    return executions.map(toFill).filter((fill) => fill.time >= since);
  }

  circuit(): CircuitStatus {
    return this.breaker.status();
  }

  /** Bybit answers again after the breaker opened, or the private stream is back: either may have missed changes. */
  onReconnect(listener: () => void): () => void {
    const detachBreaker = this.breaker.onChange((from, to) => {
      if (to === 'closed' && from !== 'closed') listener();
    });
    const detachStream = this.options.privateStream?.onReconnect(listener) ?? (() => {});
    return () => {
      detachBreaker();
      detachStream();
    };
  }

  /** A restarted relay's open orders are polled and read on a push as the ones it placed since. */
  follow(openOrders: readonly OrderRecord[]): void {
    for (const order of openOrders) {
      if (!this.watched.has(order.idempotencyKey)) this.watched.set(order.idempotencyKey, { symbol: order.symbol, seen: this.seenKey(order) });
    }
  }

  onUpdate(listener: (update: VenueUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The wallet from REST, which also becomes the copy pushes update, unless the stream was down at
   * some point of the read or a push came meanwhile (the copy would then be older than the news).
   */
  private async readWallet(): Promise<Balance[]> {
    const stream = this.options.privateStream;
    const epoch = this.walletEpoch;
    const upBefore = stream?.isUp() === true;
    const wallets = (await this.read('account/wallet-balance', () => this.options.client.getWalletBalance({ accountType: ACCOUNT_TYPE }))).list;
    const balances = wallets.flatMap((w) => w.coin.map(toBalance));
    if (upBefore && stream?.isUp() === true && epoch === this.walletEpoch) this.wallet = new Map(balances.map((b) => [b.asset, b]));
    return balances;
  }

  /** A push lists the account's coins after a change, zeros included; a coin it leaves out keeps its last known balance. */
  private applyWalletPush(push: WalletPush): void {
    if (push.accountType !== ACCOUNT_TYPE) return;
    this.walletEpoch++;
    const wallet = new Map(this.wallet ?? []);
    for (const coin of push.coin) wallet.set(coin.coin, toBalance(coin));
    this.wallet = wallet;
  }

  /** Follows Bybit's nextPageCursor, at most MAX_PAGES pages. */
  private async pages<T>(what: string, page: (cursor: string | undefined) => Promise<{ retCode: number; retMsg: string; result: { list: T[]; nextPageCursor?: string } }>): Promise<T[]> {
    const rows: T[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < MAX_PAGES; n++) {
      const result = await this.read(what, () => page(cursor));
      rows.push(...result.list);
      cursor = result.nextPageCursor;
      if (!cursor) break;
    }
    return rows;
  }

  close(): void {
    clearInterval(this.timer);
    this.detachStream();
    this.options.privateStream?.close();
    this.listeners.clear();
  }

  /** Asks Bybit for each open order; a changed one is reported. One sweep at a time. */
  private async poll(): Promise<void> {
    if (this.options.privateStream?.isUp() === true && ++this.pollTicks % STREAM_UP_POLL_FACTOR !== 0) return;
    if (this.polling || this.watched.size === 0) return;
    this.polling = true;
    try {
      for (const [orderLinkId, { symbol }] of [...this.watched]) await this.refresh(orderLinkId, symbol);
    } finally {
      this.polling = false;
    }
  }

  /** Reads a watched order again and reports it when its status or filled quantity moved; others are the submit's or reconciliation's. */
  private refresh(orderLinkId: string, symbol: string): Promise<void> {
    this.refreshing = this.refreshing.then(async () => {
      const seen = this.watched.get(orderLinkId)?.seen;
      if (seen === undefined) return;
      const update = await this.query(orderLinkId, symbol).catch(() => null);
      if (update !== null && this.seenKey(update.order) !== seen) for (const listener of this.listeners) listener(update);
    });
    return this.refreshing;
  }

  private seenKey(state: { status: string; cumQty: string }): string {
    return `${state.status}|${state.cumQty}`;
  }

  private state(order: AccountOrderV5): VenueOrderState {
    const status = BYBIT_ORDER_STATUS[order.orderStatus] ?? 'new';
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
