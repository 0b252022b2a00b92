import { WebsocketClient, type DefaultLogger } from 'bybit-api';
import type { Logger } from 'pino';
import { z } from 'zod';
import { DecimalStringSchema } from '../../shared/execution/index.ts';
import { bybitApiLogger } from '../exchange/bybit-api-logger.ts';
import { createListeners } from '../exchange/listeners.ts';

export interface BybitPrivateStreamOptions {
  /** The private endpoint of the same environment as the signed REST client (…/v5/private). */
  wsUrl: string;
  key: string;
  secret: string;
  logger: Logger;
}

/** An order of the account that an order or execution push was about. */
export interface OrderActivity {
  orderLinkId: string;
  symbol: string;
}

export interface BybitPrivateStream {
  /** Told of each order a push of the `order` or `execution` topic concerns, spot only. */
  onOrderActivity(listener: (activity: OrderActivity) => void): () => void;
  /** Told of each account a `wallet` push carries, with its coins after the change. */
  onWallet(listener: (wallet: WalletPush) => void): () => void;
  /** Told each time the connection is back after it was lost: pushes may have been missed meanwhile. */
  onReconnect(listener: () => void): () => void;
  /** Authenticated and subscribed: pushes arrive. */
  isUp(): boolean;
  close(): void;
}

/** Only what the relay reads of a push: the venue re-reads the order itself, so one code path books fills. */
const OrderPushSchema = z.object({
  topic: z.enum(['order', 'execution']),
  data: z.array(z.object({ category: z.string(), orderLinkId: z.string(), symbol: z.string() })),
});

/** Bybit sends "" for an amount it has none of. */
const WireAmountSchema = z.union([DecimalStringSchema, z.literal('')]);

/** Only what the venue books of a `wallet` push: per account, each coin's balance and what open orders hold of it. */
const WalletPushSchema = z.object({
  topic: z.literal('wallet'),
  data: z.array(z.object({ accountType: z.string(), coin: z.array(z.object({ coin: z.string(), walletBalance: WireAmountSchema, locked: WireAmountSchema })) })),
});
export type WalletPush = z.infer<typeof WalletPushSchema>['data'][number];

const PushTopicSchema = z.object({ topic: z.string() });

const SubscribeAckSchema = z.object({ op: z.literal('subscribe'), success: z.boolean() });

/**
 * bybit-api traces every frame it sends and receives as `wsMessage`: here the auth frame (API key
 * and a live signature) and the account's own orders. Only the rest of the context is logged.
 */
function withoutFrames(logger: DefaultLogger): DefaultLogger {
  const strip =
    (forward: (...params: unknown[]) => void) =>
    (message?: unknown, context?: unknown): void => {
      if (context === null || typeof context !== 'object' || !('wsMessage' in context)) return forward(message, context);
      const { wsMessage: _frame, ...rest } = context as Record<string, unknown>;
      forward(message, rest);
    };
  return { trace: strip(logger.trace), info: strip(logger.info), error: strip(logger.error) };
}

/**
 * Bybit's private v5 stream through bybit-api's WebsocketClient, which authenticates, pings and
 * reconnects by itself and resubscribes after a reconnect. Pushes of the `order` and `execution`
 * topics name the orders that changed, so the live venue reads them at once instead of waiting
 * for its next poll; `wallet` pushes carry the balances after each change.
 */
export function createBybitPrivateStream({ wsUrl, key, secret, logger }: BybitPrivateStreamOptions): BybitPrivateStream {
  const activity = createListeners<OrderActivity>(logger, 'private order activity listener failed');
  const wallets = createListeners<WalletPush>(logger, 'private wallet listener failed');
  const reconnects = createListeners<void>(logger, 'private stream reconnect listener failed');
  let up = false;
  let wasUp = false;
  const client = new WebsocketClient({ key, secret, wsUrl }, withoutFrames(bybitApiLogger(logger)));

  client.on('response', (response: unknown) => {
    const ack = SubscribeAckSchema.safeParse(response);
    if (!ack.success) return;
    if (!ack.data.success) {
      logger.warn({ response }, 'Bybit refused the private order/execution/wallet subscription');
      return;
    }
    up = true;
    // bybit-api resubscribes after each reconnect: every ack after the first follows one.
    if (wasUp) reconnects.emit();
    wasUp = true;
  });
  client.on('reconnect', () => {
    up = false;
  });
  client.on('update', (message: unknown) => {
    if (PushTopicSchema.safeParse(message).data?.topic === 'wallet') {
      const wallet = WalletPushSchema.safeParse(message);
      // Balances the relay cannot read are dropped: the venue's copy stays as the last good push left it.
      if (!wallet.success) logger.warn({ topic: 'wallet', reason: z.prettifyError(wallet.error) }, 'dropped a malformed Bybit push');
      else for (const item of wallet.data.data) wallets.emit(item);
      return;
    }
    const push = OrderPushSchema.safeParse(message);
    if (!push.success) return;
    for (const item of push.data.data) {
      if (item.category === 'spot' && item.orderLinkId !== '') activity.emit({ orderLinkId: item.orderLinkId, symbol: item.symbol });
    }
  });
  // bybit-api sends private topics as named, whatever the category (it routes public ones by it): `wallet` has no `.spot` form.
  for (const request of client.subscribeV5(['order', 'execution', 'wallet'], 'spot', true)) request.catch((error: unknown) => logger.warn({ err: error }, 'private stream subscription failed'));

  return {
    onOrderActivity: (listener) => activity.add(listener),
    onWallet: (listener) => wallets.add(listener),
    onReconnect: (listener) => reconnects.add(listener),
    isUp: () => up,
    close: () => {
      up = false;
      activity.clear();
      wallets.clear();
      reconnects.clear();
      client.closeAll(true);
    },
  };
}
