import { useState } from 'react';
import type { MarketSymbol } from '../../shared/market/index.ts';
import type { TradingMode } from '../../shared/market/relay-modes.ts';
import { checkTicket, sizesInQuote, type TicketDraft } from './order-ticket.ts';
import { usePlaceOrder } from './orders-queries.ts';
import { keyForSubmit, type SubmitAttempt } from './submit-key.ts';

interface Props {
  instrument: MarketSymbol;
  lastPrice: number | null;
  mode: TradingMode | undefined;
}

export function OrderTicket({ instrument, lastPrice, mode }: Props) {
  const [draft, setDraft] = useState<Omit<TicketDraft, 'symbol'>>({ type: 'limit', side: 'buy', sizeIn: 'base', amount: '', price: '' });
  const [shown, setShown] = useState<string | null>(null);
  // The last submit's key: kept while its answer is unknown or failed, so a retry is the same order.
  const [attempt, setAttempt] = useState<SubmitAttempt | null>(null);
  const place = usePlaceOrder();
  const ticket: TicketDraft = { ...draft, symbol: instrument.symbol };
  const check = checkTicket(ticket, instrument, lastPrice ?? 0);
  const quote = sizesInQuote(ticket);
  const set = (patch: Partial<typeof draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setShown(null);
  };

  const submit = () => {
    if (!check.ok) {
      setShown(check.message);
      return;
    }
    const next = keyForSubmit(attempt, check.request);
    setAttempt(next);
    place.mutate(
      { ...check.request, idempotencyKey: next.key },
      {
        onSuccess: ({ order }) => {
          // Settled (even unknown: the relay resolves it by orderLinkId); the next submit is a new order.
          setAttempt(null);
          setShown(order.status === 'rejected' ? `rejected: ${order.statusReason ?? 'by the venue'}` : null);
        },
      },
    );
  };

  const live = mode === 'live';
  return (
    <form
      className={`order-ticket ${live ? 'ticket-live' : 'ticket-paper'}`}
      data-testid="order-ticket"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="ticket-row">
        <span className={`ticket-mode ${live ? 'mode-live' : 'mode-paper'}`} data-testid="ticket-mode">
          {live ? 'LIVE — real funds' : 'PAPER'}
        </span>
        <div className="segmented" role="group" aria-label="Order type">
          {(['limit', 'market'] as const).map((type) => (
            <button key={type} type="button" aria-pressed={draft.type === type} className={draft.type === type ? 'active' : undefined} onClick={() => set({ type })} data-testid={`ticket-type-${type}`}>
              {type === 'limit' ? 'Limit' : 'Market'}
            </button>
          ))}
        </div>
      </div>
      <div className="segmented sides" role="group" aria-label="Side">
        {(['buy', 'sell'] as const).map((side) => (
          <button key={side} type="button" aria-pressed={draft.side === side} className={draft.side === side ? `active ${side}` : undefined} onClick={() => set({ side })} data-testid={`ticket-side-${side}`}>
            {side === 'buy' ? 'Buy' : 'Sell'}
          </button>
        ))}
      </div>
      {draft.type === 'limit' && (
        <label className="ticket-field">
          <span>Price ({instrument.quote})</span>
          <input inputMode="decimal" value={draft.price} onChange={(e) => set({ price: e.target.value })} placeholder={lastPrice === null ? '' : String(lastPrice)} data-testid="ticket-price" />
        </label>
      )}
      <label className="ticket-field">
        <span>
          {quote ? `Spend (${instrument.quote})` : `Qty (${instrument.base})`}
          {draft.type === 'market' && draft.side === 'buy' && (
            <button type="button" className="link-button" onClick={() => set({ sizeIn: quote ? 'base' : 'quote' })} data-testid="ticket-size-in">
              in {quote ? instrument.base : instrument.quote}
            </button>
          )}
        </span>
        <input inputMode="decimal" value={draft.amount} onChange={(e) => set({ amount: e.target.value })} data-testid="ticket-amount" />
      </label>
      <p className="ticket-rules" data-testid="ticket-rules">
        tick {instrument.tickSize} · lot {instrument.basePrecision} · min {instrument.minOrderQty} {instrument.base} · min {instrument.minOrderAmt} {instrument.quote}
      </p>
      <button type="submit" className={`ticket-submit ${draft.side}`} disabled={place.isPending} data-testid="ticket-submit">
        {place.isPending ? 'Sending…' : `${draft.side === 'buy' ? 'Buy' : 'Sell'} ${instrument.base}${live ? ' (LIVE)' : ''}`}
      </button>
      {(shown ?? place.error?.message) && (
        <p className="ticket-error" role="alert" data-testid="ticket-error">
          {shown ?? place.error?.message}
          {place.error && attempt !== null && ' — Submit again to retry the same order.'}
        </p>
      )}
    </form>
  );
}
