import {
  checkOrderRequest,
  PlaceOrderRequestSchema,
  type OrderType,
  type PlaceOrderRequest,
} from '../../shared/execution/index.ts';
import type { MarketSymbol } from '../../shared/market/index.ts';
import type { Side } from '../../shared/strategy/intents.ts';

/** What the ticket's inputs hold, as typed. */
export interface TicketDraft {
  symbol: string;
  type: OrderType;
  side: Side;
  /** Market buys may size in quote (Bybit `marketUnit: "quoteCoin"`); everything else sizes in base. */
  sizeIn: 'base' | 'quote';
  amount: string;
  price: string;
}

export type TicketCheck = { ok: true; request: Omit<PlaceOrderRequest, 'idempotencyKey'> } | { ok: false; message: string };

export const TICKET_REASON = 'placed by hand from the order ticket';

/** Quote sizing only exists for market buys; a switch of type or side falls back to base. */
export function sizesInQuote(draft: Pick<TicketDraft, 'type' | 'side' | 'sizeIn'>): boolean {
  return draft.sizeIn === 'quote' && draft.type === 'market' && draft.side === 'buy';
}

/**
 * Pure: the request the ticket would send, checked with the same schema and the same exact
 * instrument rules the relay applies, so a refusal shows before anything is sent. `referencePrice`
 * is what a market order would meet (the last price); a limit order is weighed at its own price.
 */
export function checkTicket(draft: TicketDraft, instrument: MarketSymbol, referencePrice: number): TicketCheck {
  const quote = sizesInQuote(draft);
  const amount = draft.amount.trim();
  const price = draft.price.trim();
  if (amount === '') return { ok: false, message: quote ? `enter the ${instrument.quote} amount to spend` : `enter the ${instrument.base} quantity` };
  if (draft.type === 'limit' && price === '') return { ok: false, message: 'enter the limit price' };
  const candidate = {
    idempotencyKey: 'ticket-check',
    symbol: draft.symbol,
    side: draft.side,
    type: draft.type,
    ...(quote ? { quoteAmount: amount } : { qty: amount }),
    ...(draft.type === 'limit' ? { price } : {}),
    reason: TICKET_REASON,
  };
  const parsed = PlaceOrderRequestSchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0]?.message ?? 'invalid order' };
  const checked = checkOrderRequest(parsed.data, instrument, referencePrice);
  if (!checked.ok) return { ok: false, message: checked.message };
  const { idempotencyKey: _unused, ...request } = parsed.data;
  return { ok: true, request };
}
