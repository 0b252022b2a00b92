import type { OrderRecord } from '../../shared/execution/index.ts';
import { useCancelOrder, useClosedOrderFills, useClosedOrders, useOpenOrders } from './orders-queries.ts';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour12: false });
const size = (o: OrderRecord) => (o.qty === null ? `${o.quoteAmount ?? ''} quote` : o.qty);

export function OpenOrders({ readOnly }: { readOnly: boolean }) {
  const open = useOpenOrders();
  const cancel = useCancelOrder();
  const orders = open.data ?? [];
  return (
    <section className="orders-section" data-testid="open-orders">
      <h3>Open orders {orders.length > 0 && <span className="count">{orders.length}</span>}</h3>
      {open.error && <p className="ticket-error">cannot read open orders: {open.error.message}</p>}
      {orders.length === 0 ? (
        <p className="orders-note">No open orders.</p>
      ) : (
        <table className="orders-table">
          <tbody>
            {orders.map((o) => (
              <tr key={o.id} data-testid="open-order" data-order-id={o.id}>
                <td className={o.side}>{o.side}</td>
                <td>{o.symbol}</td>
                <td className="num">
                  {size(o)} {o.triggerPrice === null ? `@ ${o.price ?? 'market'}` : `stop ≤ ${o.triggerPrice}`}
                  {/* Resting is the usual case; only a partial fill or an unsettled answer is worth words. */}
                  {o.status !== 'new' && <span className="muted"> {o.status.replace('_', ' ')}</span>}
                </td>
                <td>
                  <button type="button" className="small-button" disabled={readOnly || cancel.isPending} onClick={() => cancel.mutate(o.id)} data-testid="cancel-order">
                    Cancel
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {cancel.error && (
        <p className="ticket-error" role="alert">
          cancel failed: {cancel.error.message}
        </p>
      )}
    </section>
  );
}

export function OrderHistory() {
  const closed = useClosedOrders();
  const orders = closed.data ?? [];
  const details = useClosedOrderFills(orders);
  return (
    <section className="orders-section" data-testid="order-history">
      <h3>History</h3>
      {closed.error && <p className="ticket-error">cannot read order history: {closed.error.message}</p>}
      {orders.length === 0 ? (
        <p className="orders-note">No closed orders yet.</p>
      ) : (
        <ul className="history-list">
          {orders.slice(0, details.length).map((o, i) => (
            <li key={o.id} data-testid="history-order" data-status={o.status}>
              <div className="history-head">
                <span className={o.side}>{o.side}</span> {o.symbol} {o.type} <span className="num">{size(o)}</span>
                {o.avgPrice !== null && <span className="num"> avg {o.avgPrice}</span>}
                <span className={`status status-${o.status}`}>{o.status}</span>
                <span className="muted">{time(o.updatedAt)}</span>
              </div>
              {o.statusReason !== null && <div className="muted">{o.statusReason}</div>}
              {details[i]?.data?.fills.map((f) => (
                <div key={f.execId} className="fill-line num" data-testid="history-fill">
                  fill {f.qty} @ {f.price} · fee {f.fee} {f.feeAsset} · {f.liquidity}
                </div>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
